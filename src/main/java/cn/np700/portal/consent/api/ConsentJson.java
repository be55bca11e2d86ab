package cn.np700.portal.consent.api;

import cn.np700.portal.consent.Consent;
import java.time.Instant;

/** A consent as the API shows it: the number masked, its status IN_FORCE or WITHDRAWN. */
record ConsentJson(long id, String mobile, String status, String channel, String evidence, Instant grantedAt,
        Instant recordedAt, Instant withdrawnAt) {

    static ConsentJson of(Consent consent) {
        return new ConsentJson(consent.id(), consent.numberMasked(), consent.inForce() ? "IN_FORCE" : "WITHDRAWN",
                consent.channel().name(), consent.evidence(), consent.grantedAt(), consent.recordedAt(),
                consent.withdrawnAt());
    }
}
