package dev.walkspec.runtime.api;

/** Runs once right after a locked walk takes the MMU lock, before any handler (W7). */
@FunctionalInterface
public interface OnLockCallback {
  void run(Kvm kvm);
}
