// Public API of @antre/printers: ticket layout, transports, virtual printer, preview and spooler.
export type { TicketPrintData, PaperWidth, QrMode, PrinterStatus, PrinterTransport, PrinterSpec, PrintJobMeta, OpenPrinterOptions } from './types.js';
export { PrinterError, PrinterUriError, type PrinterErrorCode } from './errors.js';
export { renderTicket, PAPER_GEOMETRY } from './layout/ticket.js';
export { parsePrinterUri, formatPrinterUri } from './transport/uri.js';
export { openPrinter } from './transport/open.js';
export { TcpTransport } from './transport/tcp.js';
export { SerialTransport } from './transport/serial.js';
export { UsbTransport } from './transport/usb.js';
export { FileTransport } from './transport/file.js';
export { VirtualTransport } from './transport/virtual.js';
export { VirtualPrinter, type VirtualJob, type VirtualPrinterOptions, type VirtualCondition } from './virtual/virtual-printer.js';
export { renderPreviewPng, renderPreview, type Preview, type PreviewItem } from './preview/render.js';
export { decodeEscPos, textLines, type DecodedOp } from './decode/decoder.js';
export { PrintSpooler, type PrintJobState, type PrintJobStatus, type PrintSpoolerOptions } from './spooler/spooler.js';
export { sampleTicket } from './sample.js';
export { startPtyPair, openPtyEnd, type PtyPair } from './testing/socat-pair.js';
