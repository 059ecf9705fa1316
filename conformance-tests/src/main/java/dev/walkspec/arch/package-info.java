/**
 * Hand-written arch handlers for the KVM memslot walk, one package per arch, written against the
 * runtime's {@code api} package only. Each class has a public no-arg constructor so a downstream
 * build can name it in its configuration. Comments cite the handler obligations (H1-H13) a design
 * choice serves. {@code bad} holds known-bad variants, each one small edit of a handler here.
 */
package dev.walkspec.arch;
