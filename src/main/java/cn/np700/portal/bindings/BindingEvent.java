package cn.np700.portal.bindings;

import cn.np700.portal.audit.AuditableEvent;

/** A change to one binding: its audit entry targets that binding. */
public interface BindingEvent extends AuditableEvent {

    long bindingId();

    @Override
    default String targetType() {
        return "BINDING";
    }

    @Override
    default String targetId() {
        return Long.toString(bindingId());
    }
}
