/**
 * The checker: types, paths, configurations, profiles and handler obligations of an assembled spec,
 * producing a {@code CheckedSpec} or diagnostics. Split package: the records it produces ({@code
 * CheckedSpec}, {@code ResolvedProfile}, {@code Binding}, {@code WalkerRoles}) live in
 * walkspec-model.
 */
package dev.walkspec.check;
