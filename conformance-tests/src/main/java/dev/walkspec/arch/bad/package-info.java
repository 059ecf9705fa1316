/**
 * Known-bad variants: each is x86's combined handler (or writer) as the notifier calls it, the
 * handler of the what-if set {@code X86AlignedStride} in every part but one small edit of one pass,
 * the TDP MMU's or the shadow MMU's, named in its Javadoc with the obligation it breaks. That set
 * is the kernel's x86 but for the shadow MMU's aging stride (from block to block, where the kernel
 * steps from range.start and can miss a huge block: H9, a finding of the kernel's, not a planted
 * bug); over the kernel's own x86 every age or test_age variant would fail H9 for that stride too,
 * and could not show its one planted cause. The other pass being right, only the edit can make the
 * generated suites fail; and since the two MMUs hold separate entries, the other pass cannot hide
 * it. The conformance kit must catch every one of them.
 */
package dev.walkspec.arch.bad;
