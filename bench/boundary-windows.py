#!/usr/bin/env python3
# Per minute boundary of a `bench/live.sh boundary` run: the requests sent in the 5 s after it (n, p50, p99, max
# latency in ms) and all the other requests (p99, max). Usage: bench/boundary-windows.py DIR... (each DIR holds
# the latencies.csv that BoundaryBench writes: sent_ms,latency_ms; a negative latency is a failed request).
import sys,csv,math
def pct(v,p):
    if not v: return float('nan')
    v=sorted(v); k=max(0,math.ceil(p/100*len(v))-1); return v[k]
for f in sys.argv[1:]:
    rows=[(int(r['sent_ms']),float(r['latency_ms'])) for r in csv.DictReader(open(f+'/latencies.csv'))]
    t0=rows[0][0]; t1=rows[-1][0]
    b=(t0//60000+1)*60000
    bs=[]
    while b<=t1: bs.append(b); b+=60000
    out=[]; else_=[]
    win={x:[] for x in bs}; fail=0
    for s,l in rows:
        if l<0: fail+=1; continue
        hit=False
        for x in bs:
            if x<=s<x+5000: win[x].append(l); hit=True
        if not hit: else_.append(l)
    line=f"{f}: start +{(bs[0]-t0)/1000:.0f}s to 1st boundary; "
    for i,x in enumerate(bs):
        v=win[x]; line+=f"B{i+1} n={len(v)} p50={pct(v,50):.0f} p99={pct(v,99):.0f} max={max(v) if v else 0:.0f}; "
    line+=f"elsewhere p99={pct(else_,99):.1f} max={max(else_):.0f}; fails={fail}"
    print(line)
