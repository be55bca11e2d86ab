package cn.np700.portal.web;

/** An uploaded file's name as people will see it again in lists and results. */
public final class UploadedFileNames {

    private UploadedFileNames() {
    }

    /** The name as the browser sent it, without any folder part, short enough to store; "upload.csv" when none. */
    public static String of(String original) {
        String path = original == null ? "" : original;
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty()) {
            return "upload.csv";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
