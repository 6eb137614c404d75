// The error directive at run time prints exactly what libgomp prints
// (a blank line, then "libgomp: ...": gcc programs' harnesses match it),
// warnings go on, a fatal one stops with exit status 1 after the output
// before it.  clang 14 does not accept the directive.
// REQUIRES: gcc
// RUN: %gcc %s -o %t
// RUN: rm -f %t.status
// RUN: %preload %run %t > %t.out 2> %t.err || echo "exit status $?" > %t.status
// RUN: %FileCheck --check-prefix=STATUS %s < %t.status
// RUN: %FileCheck --check-prefix=OUT %s < %t.out
// RUN: %FileCheck --strict-whitespace --match-full-lines --check-prefix=ERR %s < %t.err
#include <stdio.h>

int main(void) {
  printf("before\n");
  fflush(stdout);
#pragma omp error at(execution) severity(warning) message("careful now")
#pragma omp error at(execution) severity(warning)
  printf("between\n");
  fflush(stdout);
#pragma omp error at(execution) severity(fatal) message("the end")
  printf("after\n");
  return 0;
}
// STATUS: exit status 1
// OUT: before
// OUT-NEXT: between
// OUT-NOT: after
// ERR:{{^$}}
// ERR-NEXT:libgomp: error directive encountered: careful now
// ERR-EMPTY:
// ERR-NEXT:libgomp: error directive encountered
// ERR-EMPTY:
// ERR-NEXT:libgomp: fatal error: error directive encountered: the end
// ERR-NOT:{{.}}
