package dev.walkspec.kernel;

/** The path given as a kernel tree is not one: no directory, or no virt/kvm/kvm_main.c in it. */
public final class KernelTreeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KernelTreeException(String message) {
    super(message);
  }
}
