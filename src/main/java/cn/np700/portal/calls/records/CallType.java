package cn.np700.portal.calls.records;

/** A voice call or a text message through X. */
public enum CallType {
    VOICE, SMS
}
