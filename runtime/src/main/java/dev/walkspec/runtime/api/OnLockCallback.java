package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Runs once right after a locked walk takes the MMU lock, before any handler (W7). */
@FunctionalInterface
@API(status = EXPERIMENTAL)
public interface OnLockCallback {
  void run(Kvm kvm);
}
