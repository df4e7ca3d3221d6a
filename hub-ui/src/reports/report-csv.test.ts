import { describe, expect, it } from 'vitest';
import type { HubReportResponse, HubReportRow } from '@antre/server/contract';
import { reportCsv } from './report-csv';

function row(siteId: string, name: string, over: Partial<HubReportRow> = {}): HubReportRow {
  return {
    siteId,
    name,
    issued: 10,
    served: 8,
    noShow: 1,
    transferred: 1,
    medianWaitMinutes: 5.5,
    p90WaitMinutes: 20,
    medianServiceMinutes: 7,
    ikm: 88.31,
    skmRespondents: 12,
    ...over,
  };
}

describe('the cross-site report as CSV', () => {
  const report: HubReportResponse = {
    from: '2026-12-01',
    to: '2026-12-02',
    rows: [row('luwu-belopa', 'MPP Belopa, "Simpurusiang"'), row('evil', '=HYPERLINK("x")', { ikm: null, skmRespondents: 0, medianWaitMinutes: null })],
    total: row('*', 'all', { issued: 20, ikm: 88.3 }),
  };

  it('has a header, a row per site, the total last, quoted where needed, the grade beside the IKM', () => {
    const lines = reportCsv(report, 'en').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'Site id,Site,Issued,Served,No-show,Transferred,Median wait (min),P90 wait (min),Median service (min),IKM (SKM),Service grade,Respondents',
    );
    expect(lines[1]).toBe('luwu-belopa,"MPP Belopa, ""Simpurusiang""",10,8,1,1,5.5,20,7,88.31,A,12');
    // A name a spreadsheet would run as a formula stays text; unknown figures are empty.
    expect(lines[2]).toBe(`evil,"'=HYPERLINK(""x"")",10,8,1,1,,20,7,,,0`);
    expect(lines[3]).toBe('*,Every site,20,8,1,1,5.5,20,7,88.30,B,12');
  });

  it('names its columns in Bahasa Indonesia on an Indonesian screen', () => {
    expect(reportCsv(report, 'id').split('\r\n')[0]).toMatch(/^Kode MPP,MPP,Diambil,Selesai,/);
  });
});
