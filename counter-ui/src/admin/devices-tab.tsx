import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { DEVICE_KINDS, type DeviceKind, type PublicDevice } from '@antre/server/contract';
import { type ApiAnswers, type BodyOf, api, errorText } from '../shared/api';
import { pick, type Lang } from '../shared/i18n';
import { duration, problemsOf } from '../supervisor/format';
import { DEVICE_KIND, S } from '../supervisor/texts';
import type { VenueView } from '../supervisor/use-staff-data';
import { SaveFeedback, TextField } from './fields';
import { A } from './texts';
import type { SaveResult } from './use-raw-venue';

type Pairing = ApiAnswers['devices.create'];

/** Devices: register a kiosk, display, call button or print agent; show its pairing link, code and QR; re-pair or revoke. */
export function DevicesTab({ token, venue, lang }: { token: string; venue: VenueView; lang: Lang }) {
  const [devices, setDevices] = useState<PublicDevice[]>([]);
  const [kind, setKind] = useState<DeviceKind>('display');
  const [name, setName] = useState('');
  const [floor, setFloor] = useState('');
  const [ref, setRef] = useState('');
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [result, setResult] = useState<SaveResult | null>(null);
  const reload = () =>
    api.call('devices.list', { token }).then(
      (r) => setDevices(r.devices),
      () => undefined,
    );
  useEffect(() => {
    void reload();
  }, [token]);
  const act = async (call: () => Promise<Pairing | void>) => {
    setResult(null);
    try {
      const p = await call();
      if (p) setPairing(p);
      await reload();
    } catch (e) {
      setResult({ ok: false, text: errorText(e), problems: problemsOf(e) });
    }
  };
  const create = () =>
    act(async () => {
      const body: BodyOf<'devices.create'> = { kind, name };
      if (floor !== '') body.floor = Number(floor);
      if (ref) body.ref = ref;
      const p = await api.call('devices.create', { token, body });
      setName('');
      return p;
    });
  const refs =
    kind === 'button'
      ? venue.counters.map((c) => ({ id: c.id, name: c.name }))
      : kind === 'survey'
        ? [...venue.counters, ...venue.agencies].map((c) => ({ id: c.id, name: c.name }))
        : kind === 'kiosk' || kind === 'printer'
          ? venue.kiosks.map((k) => ({ id: k.id, name: k.name }))
          : [];
  const refName = (d: PublicDevice) =>
    d.ref
      ? (venue.counters.find((c) => c.id === d.ref)?.name ??
        venue.kiosks.find((k) => k.id === d.ref)?.name ??
        venue.agencies.find((a) => a.id === d.ref)?.name ??
        d.ref)
      : '—';
  const now = Date.now();
  return (
    <div className="sv-split" style={{ gridTemplateColumns: 'minmax(0, 1.4fr) minmax(0, 1fr)' }}>
      <section className="sv-card sv-scroll">
        <h2>{pick(S.devices, lang)}</h2>
        <table className="sv-table">
          <thead>
            <tr>
              <th>{pick(A.colName, lang)}</th>
              <th>{pick(A.kind, lang)}</th>
              <th>{pick(A.colFloor, lang)}</th>
              <th>{pick(A.colRef, lang)}</th>
              <th>{pick(A.colState, lang)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-device={d.id}>
                <td>
                  <strong>{d.name}</strong>
                </td>
                <td>{pick(DEVICE_KIND[d.kind], lang)}</td>
                <td>{d.floor ?? '—'}</td>
                <td>{refName(d)}</td>
                <td className="sv-small">
                  {!d.paired
                    ? pick(A.unpaired, lang)
                    : `${pick(d.online ? S.deviceOnline : S.deviceOffline, lang)}${d.lastSeenAt ? ` · ${pick(S.lastSeen, lang, { d: duration(now - d.lastSeenAt, lang) })}` : ''}`}
                </td>
                <td className="sv-actions">
                  <button
                    type="button"
                    className="sv-btn sv-btn--small"
                    onClick={() => void act(() => api.call('devices.repair', { params: { id: d.id }, token }))}
                  >
                    {pick(A.newCode, lang)}
                  </button>
                  <button
                    type="button"
                    className="sv-btn sv-btn--small"
                    onClick={() =>
                      window.confirm(pick(A.confirmRevoke, lang, { name: d.name })) &&
                      void act(() => api.call('devices.revoke', { params: { id: d.id }, token }))
                    }
                  >
                    {pick(A.revoke, lang)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="sv-monitor__side" style={{ position: 'static' }}>
        {pairing && <PairingCard pairing={pairing} lang={lang} />}
        <form className="sv-card" onSubmit={(e) => (e.preventDefault(), void create())} data-testid="device-form">
          <h2>{pick(A.newDevice, lang)}</h2>
          <SaveFeedback result={result} lang={lang} />
          <label className="sv-field">
            <span>{pick(A.kind, lang)}</span>
            <select name="kind" value={kind} onChange={(e) => (setKind(e.target.value as DeviceKind), setRef(''))}>
              {DEVICE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {pick(DEVICE_KIND[k], lang)}
                </option>
              ))}
            </select>
          </label>
          <TextField label={pick(A.deviceName, lang)} name="name" value={name} onChange={setName} required />
          <label className="sv-field">
            <span>{pick(A.deviceFloor, lang)}</span>
            <select name="floor" value={floor} onChange={(e) => setFloor(e.target.value)}>
              <option value="">{pick(A.allFloors, lang)}</option>
              {venue.floors.map((f) => (
                <option key={f.number} value={f.number}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          {refs.length > 0 && (
            <label className="sv-field">
              <span>{pick(kind === 'button' ? A.counterRef : kind === 'survey' ? A.surveyRef : A.kioskRef, lang)}</span>
              <select name="ref" value={ref} onChange={(e) => setRef(e.target.value)} required={kind === 'button'}>
                <option value="">{pick(A.noRef, lang)}</option>
                {refs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="sv-btn sv-btn--primary">
            {pick(A.create, lang)}
          </button>
        </form>
      </div>
    </div>
  );
}

/** The link, the code and a QR of the link, for the device being paired. */
function PairingCard({ pairing, lang }: { pairing: Pairing; lang: Lang }) {
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setCopied(false);
    QRCode.toDataURL(pairing.pairingUrl, { margin: 1, width: 360, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
  }, [pairing.pairingUrl]);
  const copy = () =>
    navigator.clipboard?.writeText(pairing.pairingUrl).then(
      () => setCopied(true),
      () => undefined,
    );
  return (
    <section className="sv-card" data-testid="pairing" aria-live="polite">
      <h2>{pick(A.pairTitle, lang, { name: pairing.device.name })}</h2>
      <p className="sv-muted sv-small">{pick(A.pairHint, lang)}</p>
      <div className="sv-pairing">
        {qr && <img src={qr} alt={pairing.pairingUrl} />}
        <div>
          <div className="sv-code" data-testid="pairing-code">
            {pairing.code}
          </div>
          <p>
            <code>
              <a href={pairing.pairingUrl} target="_blank" rel="noreferrer" data-testid="pairing-url">
                {pairing.pairingUrl}
              </a>
            </code>
          </p>
          <button type="button" className="sv-btn sv-btn--small" onClick={() => void copy()}>
            {pick(copied ? A.copied : A.copy, lang)}
          </button>
        </div>
      </div>
    </section>
  );
}
