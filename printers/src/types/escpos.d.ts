// Minimal typings for the untyped `escpos` and `escpos-usb` packages: only what this workspace calls.

declare module 'escpos' {
  interface Adapter {
    write(data: Buffer, callback?: (err?: Error | null) => void): unknown;
    close(callback?: (err?: Error | null) => void): unknown;
  }
  interface Pixels {
    data: Uint8Array;
    shape: [number, number, number];
  }
  export class Image {
    constructor(pixels: Pixels);
    toRaster(): { data: number[]; width: number; height: number };
  }
  export class Printer {
    constructor(adapter: Adapter, options?: { encoding?: string; width?: number });
    buffer: { flush(): Buffer };
    hardware(hw: 'init' | 'select' | 'reset'): this;
    setCharacterCodeTable(codeTable: number): this;
    font(family: 'a' | 'b' | 'c'): this;
    align(align: 'lt' | 'ct' | 'rt'): this;
    size(width: number, height: number): this;
    setReverseColors(on: boolean): this;
    print(content: string | Buffer): this;
    feed(lines?: number): this;
    raster(image: Image, mode?: 'normal' | 'dw' | 'dh' | 'dwdh'): this;
    cut(partial?: boolean, feed?: number): this;
    raw(data: Buffer | string): this;
  }
  const escpos: { Printer: typeof Printer; Image: typeof Image };
  export default escpos;
}

declare module 'escpos-usb' {
  class USB {
    constructor(vid?: number, pid?: number);
    open(callback: (err?: Error | null) => void): this;
    write(data: Buffer, callback: (err?: Error | null) => void): this;
    close(callback?: (err?: Error | null) => void): this;
  }
  export default USB;
}
