#!/usr/bin/env python3
"""An independent check of `haiquan trs analyze --format json` (shares no code with it).

1. Generates a study file (bench/trs_generate: 30,000 declarations, ~1 % bad cells) and recomputes every
   statistics row from shared/spec/trs.md with the standard library alone: intervals with both ends
   recorded and not negative, groups with UNKNOWN for what is not recorded, repeated declarations (same
   first 11 digits) counted once, R type-7 percentiles. Every row must match.
2. Writes the same data in the other accepted forms (DD/MM/YYYY and ISO-8601 times with offsets, codes in
   lower case, padded cells, upper-case headers, CRLF, a UTF-8 BOM, Excel's blank rows): the statistics and
   the issue counts must not change.
Usage: independent_check.py --haiquan BIN --generate BIN --work DIR
"""
import argparse
import csv
import datetime as dt
import json
import math
import os
import random
import re
import subprocess
import sys
from collections import defaultdict

TZ = dt.timezone(dt.timedelta(hours=7))
ENUMS = {'flow': ['NK', 'XK'], 'channel': ['GREEN', 'YELLOW', 'RED'], 'route': ['SEA', 'AIR', 'ROAD'],
         'shipment_mode': ['FCL', 'LCL', 'BULK', 'OTHER'], 'declarant_kind': ['OWNER', 'AGENT', 'OTHER']}
SCI = {'CLNN', 'DANGKIEM', 'VSATTP', 'KDYT', 'KDTV', 'KDDV', 'LICENSE', 'OTHER'}
SPANS = {
    'T1': [('arrival_at', 'supervision_confirmed_at', None)],
    'T2': [('registered_at', 'released_at', None)],
    'T3_1': [('doc_assigned_at', 'doc_check_end_at', None)],
    'T3_1a': [('doc_assigned_at', 'doc_check_start_at', None)],
    'T3_1b': [('doc_check_start_at', 'doc_check_end_at', None)],
    'T3_2': [('inspect_assigned_at', 'scan_end_at', 'direct_end_at')],
    'T3_3': [('tax_check_start_at', 'tax_check_end_at', None)],
    'T3_4': [('supervision_start_at', 'supervision_confirmed_at', None)],
    'T4_1a': [('ag1_registered_at', 'ag1_certified_at', None), ('ag2_registered_at', 'ag2_certified_at', None),
              ('qc_registered_at', 'qc_notified_at', None)],
    'T4_1b': [('ag1_certified_at', 'ag1_returned_at', None), ('ag2_certified_at', 'ag2_returned_at', None)],
    'T4_1c': [('ag1_returned_at', 'ag1_customs_received_at', None),
              ('ag2_returned_at', 'ag2_customs_received_at', None),
              ('qc_notified_at', 'qc_customs_received_at', None)],
    'T4_2': [('border_check_start_at', 'border_check_end_at', None)],
}


def parse_time(s):
    """The generator's form only ("YYYY-MM-DD HH:MM:SS" local); anything else is not recorded."""
    s = s.strip()
    if not re.fullmatch(r'\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}', s):
        return None
    try:
        return dt.datetime.strptime(s, '%Y-%m-%d %H:%M:%S').replace(tzinfo=TZ).timestamp()
    except ValueError:
        return None


def groups_of(row):
    def enum(c):
        v = row.get(c, '').strip().upper()
        return v if v in ENUMS[c] else 'UNKNOWN'

    def yes_no(c):
        v = row.get(c, '').strip().upper()
        return v if v in ('Y', 'N') else 'UNKNOWN'

    tokens = [t.strip().upper() for t in row.get('sci_kinds', '').split(';') if t.strip()]
    sci = 'Y' if tokens and all(t in SCI for t in tokens) else 'N'  # an invalid cell is not recorded
    branch = row['branch_code'].strip()
    return {'all': 'all', 'channel': enum('channel'), 'route': enum('route'),
            'branch': branch if re.fullmatch(r'\d{2}[A-Z0-9]{2}', branch) else 'UNKNOWN',
            'aeo': yes_no('aeo'), 'pre_arrival': yes_no('pre_arrival'), 'nsw': yes_no('nsw'), 'sci': sci,
            'shipment_mode': enum('shipment_mode'), 'declarant_kind': enum('declarant_kind')}


def expected_rows(path):
    observed = defaultdict(list)
    seen = set()
    with open(path, newline='', encoding='utf-8') as f:
        for row in csv.DictReader(f):
            flow = row['flow'].strip().upper()
            if flow not in ENUMS['flow']:
                continue
            number = row['declaration_no'].strip()
            if re.fullmatch(r'\d{12}', number):
                if number[:11] in seen:
                    continue
                seen.add(number[:11])
            groups = groups_of(row)
            for interval, spans in SPANS.items():
                if interval == 'T1' and flow != 'NK':
                    continue
                for start, end, later_end in spans:
                    a, b = parse_time(row.get(start, '')), parse_time(row.get(end, ''))
                    if later_end:
                        c = parse_time(row.get(later_end, ''))
                        if c is not None and (b is None or c > b):
                            b = c
                    if a is None or b is None or b < a:
                        continue
                    for by, group in groups.items():
                        observed[(interval, flow, by, group)].append(b - a)
    return observed


def percentile(v, p):
    h = (len(v) - 1) * p
    lo = math.floor(h)
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo]) if lo + 1 < len(v) else v[lo]


def compare_with_spec(csv_path, report):
    rows = {(r['interval'], r['flow'], r['by'], r['group']): r for r in report['rows']}
    problems = []
    observed = expected_rows(csv_path)
    for key, v in observed.items():
        v.sort()
        row = rows.get(key)
        if row is None:
            problems.append(f'no row {key}')
            continue
        want = {'n': len(v), 'mean_hours': sum(v) / len(v) / 3600, 'min_hours': v[0] / 3600,
                'max_hours': v[-1] / 3600, 'within_1h': sum(x <= 3600 for x in v) / len(v),
                'within_24h': sum(x <= 86400 for x in v) / len(v)}
        for p in (0.25, 0.5, 0.75, 0.9, 0.95):
            name = {0.25: 'p25', 0.5: 'median', 0.75: 'p75', 0.9: 'p90', 0.95: 'p95'}[p]
            want[name + '_hours'] = percentile(v, p) / 3600
        for field, value in want.items():
            if abs(row[field] - value) > 1e-9 * max(1.0, abs(value)):
                problems.append(f'{key} {field}: haiquan {row[field]}, spec {value}')
    for key, row in rows.items():
        if row['n'] > 0 and key not in observed:
            problems.append(f'haiquan has {key} with n={row["n"]}, the spec none')
    return len(observed), problems


def write_variant(src, dst):
    rnd = random.Random(5)

    def time_form(s):
        m = re.fullmatch(r'(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})', s)
        if not m:
            return s
        y, mo, d, h, mi, se = m.groups()
        k = rnd.randrange(4)
        if k == 0:
            return f'{d}/{mo}/{y} {h}:{mi}:{se}'
        if k == 1:
            return f'{y}-{mo}-{d}T{h}:{mi}:{se}+07:00'
        if k == 2:
            t = dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se), tzinfo=TZ).astimezone(dt.timezone.utc)
            return t.strftime('%Y-%m-%dT%H:%M:%SZ')
        return s

    with open(src, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    header = rows[0]
    with open(dst, 'w', newline='', encoding='utf-8-sig') as f:
        w = csv.writer(f, lineterminator='\r\n')
        w.writerow([h.upper() if rnd.random() < 0.3 else h for h in header])
        for r in rows[1:]:
            out = []
            for name, cell in zip(header, r):
                if name.endswith('_at'):
                    cell = time_form(cell)
                elif name in ('flow', 'channel', 'route', 'shipment_mode') and rnd.random() < 0.5:
                    cell = cell.lower()
                if cell and rnd.random() < 0.05:
                    cell = ' ' + cell + '\t'
                out.append(cell)
            w.writerow(out)
            if rnd.random() < 0.01:
                w.writerow([''] * len(header))


def analyze(haiquan, path):
    out = subprocess.run([haiquan, 'trs', 'analyze', '--format', 'json', '--input', path],
                         check=True, capture_output=True)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--haiquan', required=True)
    ap.add_argument('--generate', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--rows', type=int, default=30000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    plain, variant = os.path.join(args.work, 'study.csv'), os.path.join(args.work, 'variant.csv')
    subprocess.run([args.generate, str(args.rows), '--seed', '99', '--output', plain], check=True,
                   stdout=subprocess.DEVNULL)
    report = analyze(args.haiquan, plain)
    checked, problems = compare_with_spec(plain, report)
    print(f'{checked} statistics rows recomputed from the spec, {len(problems)} differences')

    write_variant(plain, variant)
    other = analyze(args.haiquan, variant)
    if other['rows'] != report['rows']:
        problems.append('the same data in other accepted forms gives other statistics rows')
    if other['issue_counts'] != report['issue_counts'] or other['records'] != report['records']:
        problems.append(f'other forms: issues {other["issue_counts"]} vs {report["issue_counts"]}, '
                        f'records {other["records"]} vs {report["records"]}')
    for p in problems[:50]:
        print('DIFFERENCE', p)
    return 1 if problems or checked < 500 else 0


if __name__ == '__main__':
    sys.exit(main())
