/**
 * The C rendering of a checked spec: the walk as the kernel writes it ({@code kvm_handle_hva_range}
 * in {@code virt/kvm/kvm_main.c}, rules W1-W13), one small caller per operation (C1-C5), and the
 * Kconfig options with each arch's selections. Everything is rendered from the model (walker rules,
 * operations, options, profiles), never from the parse tree, and never copied from the kernel: the
 * rendering describes the behaviour the spec states in the kernel's vocabulary.
 *
 * <p>{@link dev.walkspec.emit.c.CRenderer} is the entry point; {@link dev.walkspec.emit.c.CWriter}
 * is the structured writer every renderer writes through, which tags each line with the rule id of
 * its group so that later stages (the kernel-tree check, the C harness) can say which rule a line
 * belongs to.
 */
package dev.walkspec.emit.c;
