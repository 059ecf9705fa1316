package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The path given as a kernel tree is not one: no directory, or no virt/kvm/kvm_main.c in it. */
@API(status = INTERNAL)
public final class KernelTreeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KernelTreeException(String message) {
    super(message);
  }
}
