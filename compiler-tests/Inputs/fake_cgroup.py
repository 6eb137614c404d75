#!/usr/bin/env python3
"""fake_cgroup.py DIR VERSION CGPATH [FILE=CONTENT ...] -- a fake cgroup tree
for TEMPO_TEST_CGROUP_ROOT=DIR (runtime/cgroup.h): DIR/proc_self_cgroup
puts the process in cgroup CGPATH of a cgroup VERSION (v1 or v2) hierarchy,
DIR/mountinfo mounts it, and each FILE (a path below the hierarchy's mount,
e.g. a/b/cpu.max) gets CONTENT plus a newline.  DIR is emptied first.
v1 is laid out as on a hybrid host: cpu,cpuacct on v1, plus an empty
cgroup2 at /sys/fs/cgroup/unified that has no cpu controller."""
import os
import shutil
import sys

root, version, cgpath = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(root, ignore_errors=True)
if version == 'v2':
    mount = 'sys/fs/cgroup'
    cgroup = '0::%s\n' % cgpath
    mountinfo = '41 31 0:38 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate\n'
elif version == 'v1':
    mount = 'sys/fs/cgroup/cpu,cpuacct'
    cgroup = '5:memory:/elsewhere\n3:cpu,cpuacct:%s\n0::/\n' % cgpath
    mountinfo = ('35 31 0:32 / /sys/fs/cgroup/memory rw,nosuid shared:12 - cgroup cgroup rw,memory\n'
                 '33 31 0:30 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:10 - cgroup cgroup rw,cpu,cpuacct\n'
                 '41 31 0:38 / /sys/fs/cgroup/unified rw,nosuid shared:9 - cgroup2 cgroup2 rw\n')
    os.makedirs(os.path.join(root, 'sys/fs/cgroup/unified'))
else:
    sys.exit('fake_cgroup.py: VERSION must be v1 or v2')
os.makedirs(os.path.join(root, mount, cgpath.strip('/')), exist_ok=True)
with open(os.path.join(root, 'proc_self_cgroup'), 'w') as f:
    f.write(cgroup)
with open(os.path.join(root, 'mountinfo'), 'w') as f:
    f.write('22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n' + mountinfo)
for spec in sys.argv[4:]:
    name, content = spec.split('=', 1)
    path = os.path.join(root, mount, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(content + '\n')
