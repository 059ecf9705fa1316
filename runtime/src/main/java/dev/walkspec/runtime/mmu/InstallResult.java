package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What happened when a fault tried to install a leaf. */
@API(status = INTERNAL)
public enum InstallResult {
  /** A new leaf now maps the block. */
  INSTALLED,
  /** A leaf (maybe a larger one) already mapped the gfn. */
  EXISTS,
  /** A table sits where the huge leaf would go: retry one level lower. */
  BLOCKED_BY_TABLE
}
