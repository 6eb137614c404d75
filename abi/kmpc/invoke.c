/* invoke.c — calling a parallel region's outlined body with however many
 * shared-variable pointers clang passed to __kmpc_fork_call:
 *   kmpc_invoke(fn, &gtid, &btid, argc, argv) = fn(&gtid, &btid, argv[0], ..., argv[argc-1])
 * in the x86-64 SysV convention (six integer registers, the rest on the
 * stack, 16-byte aligned at the call).  C cannot make a call with a
 * run-time number of arguments, so this one function is assembly. */
#include "kmpc.h"

void kmpc_invoke(kmpc_micro fn, kmp_int32 *gtid, kmp_int32 *btid, int argc,
                 void **argv) tp_hidden;

__asm__(
    ".pushsection .text\n"
    ".p2align 4\n"
    ".globl kmpc_invoke\n"
    ".hidden kmpc_invoke\n"
    ".type kmpc_invoke, @function\n"
    "kmpc_invoke:\n"
    "  .cfi_startproc\n"
    "  pushq %rbp\n"
    "  .cfi_def_cfa_offset 16\n"
    "  .cfi_offset %rbp, -16\n"
    "  movq %rsp, %rbp\n"
    "  .cfi_def_cfa_register %rbp\n"
    "  pushq %rbx\n"
    "  pushq %r12\n"
    "  .cfi_offset %rbx, -24\n"
    "  .cfi_offset %r12, -32\n"
    "  movq %rdi, %rbx\n"          /* fn */
    "  movslq %ecx, %r12\n"        /* argc */
    "  movq %r8, %r10\n"           /* argv */
    "  movq %rsi, %rdi\n"          /* 1st: &gtid */
    "  movq %rdx, %rsi\n"          /* 2nd: &btid */
    /* argv[4..argc) on the stack, last pushed first; rsp is 16-aligned
     * here, so pad by 8 when an odd number of words follows. */
    "  movq %r12, %rax\n"
    "  subq $4, %rax\n"
    "  jle 2f\n"
    "  testq $1, %rax\n"
    "  jz 0f\n"
    "  subq $8, %rsp\n"
    "0:\n"
    "  leaq -1(%r12), %r11\n"
    "1:\n"
    "  pushq (%r10,%r11,8)\n"
    "  decq %r11\n"
    "  cmpq $4, %r11\n"
    "  jge 1b\n"
    "2:\n"
    "  cmpq $1, %r12\n"
    "  jl 3f\n"
    "  movq 0(%r10), %rdx\n"
    "  cmpq $2, %r12\n"
    "  jl 3f\n"
    "  movq 8(%r10), %rcx\n"
    "  cmpq $3, %r12\n"
    "  jl 3f\n"
    "  movq 16(%r10), %r8\n"
    "  cmpq $4, %r12\n"
    "  jl 3f\n"
    "  movq 24(%r10), %r9\n"
    "3:\n"
    "  xorl %eax, %eax\n"          /* variadic prototype: no vector args */
    "  call *%rbx\n"
    "  leaq -16(%rbp), %rsp\n"
    "  popq %r12\n"
    "  popq %rbx\n"
    "  popq %rbp\n"
    "  .cfi_def_cfa %rsp, 8\n"
    "  ret\n"
    "  .cfi_endproc\n"
    ".size kmpc_invoke, .-kmpc_invoke\n"
    ".popsection\n");
