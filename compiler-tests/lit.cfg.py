# -*- Python -*-
# lit configuration for Tempo's compiler-driven tests.
#
# Every test is a C program compiled with `gcc -fopenmp` and run against the
# runtime under test, once with LD_PRELOAD and once linked against the build
# directory's libgomp.so.  Parameters (pass with --param NAME=VALUE):
#   tempo_build  directory holding libtempo.so / libgomp.so(.1)
#                (default: <repo>/build)
#   runtime      "tempo" (default) or "system": with "system", %preload and
#                %link expand to nothing, so the suite runs on stock libgomp.
#   cc           C compiler: gcc (default) or clang, a name on PATH or a
#                path.  clang programs call LLVM's __kmpc_* interface: they
#                are preloaded over libomp.so.5 and linked with -lomp
#                against the build directory (its libomp.so is Tempo).
#                Feature `gcc` or `clang` says which one compiles.
#   timeout      seconds allowed for each program run (default: 30)
#   tempo_feature=1  with runtime=system, still enable the `tempo` feature:
#                runs the Tempo-only tests on stock libgomp, to see which of
#                them libgomp already satisfies (e.g. the exact
#                OMP_DISPLAY_ENV format Tempo must reproduce).
# No machine-specific path is hard-coded: tools are discovered at run time.

import glob
import os
import shutil
import subprocess
import sys

import lit.formats
import lit.util

config.name = 'tempo-compiler-tests'
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.c']
config.excludes = ['Inputs', 'Output', 'README.md', 'lit.cfg.py']
config.test_source_root = os.path.dirname(os.path.abspath(__file__))

repo_root = os.path.dirname(config.test_source_root)
params = lit_config.params


def find_tool(name, extra_dirs=()):
    """Locate a tool on PATH, then in the given directories."""
    path = shutil.which(name)
    if path:
        return path
    for d in extra_dirs:
        for cand in sorted(glob.glob(os.path.join(d, name)), reverse=True):
            if os.access(cand, os.X_OK):
                return cand
    return None


runtime = params.get('runtime', 'tempo')
if runtime not in ('tempo', 'system'):
    lit_config.fatal("runtime must be 'tempo' or 'system', got %r" % runtime)

build_dir = os.path.abspath(params.get('tempo_build',
                                       os.path.join(repo_root, 'build')))
timeout_s = params.get('timeout', '30')

cc = params.get('cc', 'gcc')
if os.sep not in cc:
    cc = find_tool(cc) or (find_tool('clang-14') if cc == 'clang' else None)
if not cc:
    lit_config.fatal('C compiler %r not found on PATH' % params.get('cc', 'gcc'))
is_clang = 'clang' in os.path.basename(cc)
config.available_features.add('clang' if is_clang else 'gcc')
# Both compilers by name, for tests that mix them in one program.
gcc_path = find_tool('gcc')
clang_path = find_tool('clang') or find_tool('clang-14')
if gcc_path and clang_path:
    config.available_features.add('gcc-and-clang')

# FileCheck: on PATH, or in an llvm-*/bin directory.
filecheck = params.get('filecheck') or find_tool(
    'FileCheck', ['/usr/lib/llvm-*/bin', '/usr/local/opt/llvm*/bin'])
if not filecheck:
    for ver in range(20, 9, -1):
        filecheck = find_tool('FileCheck-%d' % ver)
        if filecheck:
            break
if not filecheck:
    lit_config.fatal('FileCheck not found (install llvm-*-tools)')

# %preload only records the library in TEMPO_TEST_PRELOAD; %run (timeout +
# env) turns it into LD_PRELOAD for the test program alone. Setting
# LD_PRELOAD directly would also load the runtime into `timeout` itself,
# whose constructor would then parse OMP_* variables and print warnings a
# second time.
timeout_tool = find_tool('timeout')
run_prefix = ('%s -k 5 %s ' % (timeout_tool, timeout_s)) if timeout_tool else ''
run_prefix += ('sh -c \'exec env ${TEMPO_TEST_PRELOAD:+'
               'LD_PRELOAD="$TEMPO_TEST_PRELOAD"} "$@"\' tempo-run')

inputs_dir = os.path.join(config.test_source_root, 'Inputs')
cflags = '-fopenmp -O2 -Wall -I%s' % inputs_dir
if is_clang:
    # Atomic updates of wide types (long double, complex) are libatomic
    # calls in clang's code, whatever the OpenMP runtime.
    cflags += ' -latomic'


if runtime == 'tempo':
    config.available_features.add('tempo')
    libtempo = os.path.join(build_dir, 'libtempo.so')
    if not os.path.exists(libtempo):
        lit_config.warning('runtime=tempo but %s does not exist; '
                           'build Tempo or pass --param runtime=system'
                           % libtempo)
    preload = 'env TEMPO_TEST_PRELOAD=%s' % libtempo
    link = '-L%s -Wl,-rpath,%s' % (build_dir, build_dir)
else:
    config.available_features.add('system-runtime')
    if params.get('tempo_feature', '0') not in ('0', '', 'false'):
        config.available_features.add('tempo')
    preload = ''
    link = ''

# LLVM's omp.h (8-byte lock layouts), searched at run time.
llvm_omp_include = None
cands = []
for pattern in ('/usr/lib/llvm-*/lib/clang/*/include/omp.h',
                '/usr/lib/clang/*/include/omp.h',
                '/usr/local/lib/clang/*/include/omp.h',
                '/usr/include/llvm-*/omp.h'):
    cands.extend(glob.glob(pattern))
if cands:
    llvm_omp_include = os.path.dirname(sorted(cands)[-1])
    config.available_features.add('llvm-omp-h')

# LLVM's omp-tools.h (the OMPT interface), for the test tool: included by
# its full path so that clang's other resource headers stay out of gcc's way.
ompt_headers = sorted(glob.glob('/usr/lib/llvm-*/lib/clang/*/include/omp-tools.h'))
if ompt_headers:
    config.available_features.add('ompt')
    config.substitutions.append(('%ompt_header', '-DOMPT_HEADER=\'"%s"\'' % ompt_headers[-1]))

# LLVM's Archer (an OMPT tool that tells ThreadSanitizer about OpenMP's
# synchronisation), shipped with libomp-14-dev.
archer = sorted(glob.glob('/usr/lib/llvm-*/lib/libarcher.so'))
if archer:
    config.available_features.add('archer')
    config.substitutions.append(('%archer', archer[-1]))

config.substitutions.append(('%cc', '%s %s' % (cc, cflags)))
# The system libgomp (for tests that vendor a renamed copy of it) and Python.
config.substitutions.append(('%python', sys.executable))
if gcc_path:
    libgomp_so = lit.util.to_string(subprocess.run(
        [gcc_path, '-print-file-name=libgomp.so'], capture_output=True).stdout).strip()
    if os.path.isabs(libgomp_so) and os.path.exists(libgomp_so):
        config.available_features.add('system-libgomp')
        config.substitutions.append(('%system_libgomp', os.path.realpath(libgomp_so)))
# LLVM's libomp, for tests of a second runtime in the process.
if glob.glob('/usr/lib/llvm-*/lib/libomp.so.5') or glob.glob('/usr/lib/*/libomp.so.5'):
    config.available_features.add('libomp')
if gcc_path and clang_path:
    config.substitutions.append(('%gcc_nomp', gcc_path))  # links without -fopenmp
    config.substitutions.append(('%gcc', '%s -fopenmp -O2 -Wall -I%s' % (gcc_path, inputs_dir)))
    config.substitutions.append(('%clang', '%s -fopenmp -O2 -Wall -I%s' % (clang_path, inputs_dir)))
# A ThreadSanitizer build of Tempo (cmake -DTEMPO_SANITIZE=thread), for
# tests of programs compiled with -fsanitize=thread: --param
# tempo_tsan_build=DIR, or <tempo_build>-tsan / build-tsan next to it.
tsan_build = params.get('tempo_tsan_build')
if not tsan_build:
    for cand in (build_dir + '-tsan', os.path.join(os.path.dirname(build_dir), 'build-tsan')):
        if os.path.exists(os.path.join(cand, 'libtempo.so')):
            tsan_build = cand
            break
if tsan_build and os.path.exists(os.path.join(tsan_build, 'libtempo.so')):
    config.available_features.add('tempo-tsan')
    config.substitutions.append(('%tsan_link', '-fsanitize=thread -g -L%s -Wl,-rpath,%s'
                                 % (tsan_build, tsan_build)))
# Open MPI (scripts/deps installs openmpi-bin and libopenmpi-dev), for the
# MPI + OpenMP tests: %mpi_flags are mpicc's include and link flags, added
# to %cc so that either compiler builds the program.
mpicc = find_tool('mpicc')
mpirun = find_tool('mpirun')
if mpicc and mpirun:
    mpi_flags = []
    for what in ('compile', 'link'):
        out = subprocess.run([mpicc, '--showme:' + what], capture_output=True)
        mpi_flags.append(lit.util.to_string(out.stdout).strip())
    if all(mpi_flags):
        config.available_features.add('mpi')
        config.substitutions.append(('%mpi_flags', ' '.join(mpi_flags)))
        config.substitutions.append(('%mpirun', mpirun))
config.substitutions.append(('%preload', preload))
config.substitutions.append(('%link', link))
config.substitutions.append(('%run', run_prefix))
config.substitutions.append(('%FileCheck', filecheck))
config.substitutions.append(('%tempo_build', build_dir))
config.substitutions.append(('%inputs', inputs_dir))
if llvm_omp_include:
    config.substitutions.append(('%llvm-omp-include', llvm_omp_include))

# Keep the OpenMP environment of the caller out of the tests: each test sets
# what it needs explicitly.
for var in list(os.environ):
    if (var.startswith('OMP_') or var.startswith('GOMP_') or
            var in ('LD_PRELOAD', 'TEMPO_TEST_PRELOAD')):
        config.environment.pop(var, None)
for var in ('PATH', 'HOME', 'TMPDIR', 'LANG'):
    if var in os.environ:
        config.environment[var] = os.environ[var]
