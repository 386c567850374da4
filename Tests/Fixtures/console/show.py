import json,sys,re
for f in sys.argv[1:]:
    for c in json.load(open(f))['cases']:
        err = re.sub(r'\x1b\[[0-9;]*m','',c['stderr'])
        err = '\n'.join(l[2:] for l in err.splitlines() if l.startswith('│ ') and 'console-input' not in l and 'source code not' not in l and l.strip('│ '))
        print('>>', c['expr']); print(c['stdout'].rstrip('\n') if c['exit']==0 else 'ERR '+err)
