package cn.np700.portal.bindings.bulk;

/**
 * What a bulk binding run keeps while it goes on (encrypted: the file holds real numbers): the operation, the file's
 * text, and how its starter acts on each line (the API key for an API upload, none for a portal user; a number
 * without a verification is verified on the spot only for the API, as a single request would be).
 */
record StoredFile(FileOperation operation, String actorName, Long apiKeyId, String apiKeyName, String text) {

    boolean viaApi() {
        return apiKeyId != null;
    }
}
