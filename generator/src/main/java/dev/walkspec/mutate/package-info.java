/**
 * Spec mutation, the stage after {@code emit}: small edits of the canonical spec (a rule dropped,
 * weakened or moved, a caller's flag flipped, a profile changed), the walkers generated from each
 * edit, and the walker suites of the unmodified spec run on them. A mutant the checker rejects or a
 * suite fails on is killed; one that survives is either a known equivalent (nothing a walk shows
 * changes) or a gap in the suites. {@code walkspec conform} reports, per rule, which mutants kill
 * it; the generator's tests hold the catalogue to its verdicts.
 */
package dev.walkspec.mutate;
