package cn.np700.portal.consent.web;

import cn.np700.portal.consent.ConsentInput;

/** The record form as typed; the channel a select, the grant time optional (ISO-8601). */
record ConsentForm(String mobile, String channel, String evidence, String grantedAt) {

    static ConsentForm empty() {
        return new ConsentForm("", "APP", "", "");
    }

    ConsentInput input() {
        return new ConsentInput(channel, evidence, grantedAt);
    }
}
