package dev.walkspec.mutate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What became of one spec mutant.
 *
 * @param mutant the edit
 * @param verdict killed by the checker, killed by the walker suites, survived, or not run (a known
 *     equivalent the run was asked to skip)
 * @param detail for the checker, its error codes ("WS021"); for the suites, the first failure's
 *     headline; for a known equivalent, why nothing a walk shows changes; else ""
 */
@API(status = INTERNAL)
public record MutantOutcome(SpecMutant mutant, Verdict verdict, String detail) {
  public enum Verdict {
    KILLED_BY_CHECKER,
    KILLED_BY_SUITES,
    SURVIVED,
    NOT_RUN;

    public boolean killed() {
      return this == KILLED_BY_CHECKER || this == KILLED_BY_SUITES;
    }
  }
}
