// IT 9: languages java,c: the walkers as before, and each spec rendered as a kernel tree under
// target/generated-sources/walkspec-c/<spec>/; an unknown language is refused in one sentence.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { !it.isBlank() }
assert runs.size() == 2

def first = runs[0]
assert first.contains('[INFO] walkspec: wrote 16 C and Kconfig files to target/generated-sources/walkspec-c')
assert first.contains('BUILD SUCCESS')
def c = new File(basedir, 'target/generated-sources/walkspec-c')
def main = new File(c, 'kvm/virt/kvm/kvm_main.c').text
assert main.contains('static __always_inline kvm_mn_ret_t kvm_handle_hva_range(struct kvm *kvm,')
assert main.contains('\t\t\t\t\t\tgoto mmu_unlock;')
assert new File(c, 'v2-null-handler-break/virt/kvm/kvm_main.c').text.contains('\t\t\t\t\t\tbreak;')
assert new File(c, 'kvm/arch/x86/kvm/Kconfig').text.contains('\tselect KVM_MMU_LOCKLESS_AGING')
assert new File(basedir, 'target/generated-sources/walkspec').isDirectory()

def second = runs[1]
assert second.contains("languages names 'cobol'; use java, c or both (java,c)")
return true
