package com.example.kvm;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Rcu;
import dev.walkspec.runtime.api.Root;

/**
 * An x86-style age handler: lockless (no MMU lock, H1), inside an RCU read section (H3), clearing
 * the Accessed bit of every young leaf meeting the range with one atomic fetch-and (H4); true iff
 * some leaf was young (H11).
 */
public class X86AgeHandler implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    EntryCodec codec = kvm.codec();
    Rcu rcu = kvm.rcu();
    boolean young = false;
    rcu.readLock();
    try {
      for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
        EntryCursor leaf = root.walk(range.start(), range.end());
        while (leaf.next()) {
          long entry = leaf.load();
          if (codec.present(entry) && codec.accessed(entry)) {
            young = true;
            leaf.fetchAnd(~codec.accessedMask());
          }
        }
      }
    } finally {
      rcu.readUnlock();
    }
    return young;
  }
}
