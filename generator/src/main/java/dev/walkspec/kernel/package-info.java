/**
 * The kernel-tree check ({@code walkspec kernel-check}): reads a kernel tree's {@code
 * virt/kvm/kvm_main.c}, {@code virt/kvm/Kconfig} and {@code arch/ARCH/kvm/Kconfig}, and compares
 * the walk, its callers and the Kconfig selections with the spec's C rendering. C is compared as
 * tokens after normalising what a rendering is free to choose (whitespace, comments, the names of
 * locals, parameters and labels, declarations without an initializer, the order of designated
 * initializers); every difference is reported with the tree's file and line and the rule id of the
 * rendered lines it touches.
 */
package dev.walkspec.kernel;
