/**
 * Known-bad variants: each is x86's combined handler (or writer) as the notifier calls it, the
 * kernel's in every part but one small edit of one pass, the TDP MMU's or the shadow MMU's, named
 * in its Javadoc with the obligation it breaks. The other pass being the kernel's, only the edit
 * can make the generated suites fail; and since the two MMUs hold separate entries, the other pass
 * cannot hide it. The conformance kit must catch every one of them.
 */
package dev.walkspec.arch.bad;
