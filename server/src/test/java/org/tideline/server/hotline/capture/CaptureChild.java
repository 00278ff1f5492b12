package org.tideline.server.hotline.capture;

/**
 * Run by {@link SafeFetcherNoFilesTest} in a JVM of its own whose {@code java.io.tmpdir} is an empty directory that
 * nothing else uses: captures the URL given (from a server on 127.0.0.1) and prints {@code items <n>}.
 */
public final class CaptureChild {

    private CaptureChild() {}

    public static void main(String[] args) throws Exception {
        SafeFetcher fetcher = SafeFetcher.create(FetchPolicy.defaults().withAllowList("127.0.0.0/8"), HostResolver.system());
        int items = 0;
        for (String url : args) {
            items += fetcher.capture(url).items().size();
        }
        System.out.println("items " + items);
    }
}
