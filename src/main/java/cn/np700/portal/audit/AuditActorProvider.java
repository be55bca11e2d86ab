package cn.np700.portal.audit;

/** Resolves the signed-in actor; implemented by the security module so that audit depends on no one. */
public interface AuditActorProvider {

    AuditActor currentActor();
}
