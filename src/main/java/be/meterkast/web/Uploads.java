package be.meterkast.web;

import io.vertx.core.Handler;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploaded Mijn Fluvius files, written to disk under the uploads directory as they arrive (never held in
 * memory: a file is read line by line from there), up to the import size limit, and deleted once the answer
 * is sent. A form's files come as multipart (Vert.x's BodyHandler, form fields kept for the CSRF check); the
 * API also takes the file as the body itself ({@code Content-Type: text/csv}). Over the limit answers 413,
 * from the Content-Length before anything is read when the client sends one.
 */
public final class Uploads {
    private static final String RAW_KEY = "uploadedBody";

    /** One uploaded file: its form field, the name it had on the sender's disk (empty for a plain body), where it is now. */
    public record Upload(String field, String fileName, String path) {
    }

    private final long maxBytes;
    private final String directory;
    private final BodyHandler multipart;

    public Uploads(long maxBytes, String directory) {
        this.maxBytes = maxBytes;
        this.directory = directory;
        this.multipart = BodyHandler.create(directory).setBodyLimit(maxBytes).setDeleteUploadedFilesOnEnd(true)
                .setMergeFormAttributes(true);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Reads the request's files to disk, then goes on; multipart always, a plain body when {@code rawBody}. */
    public Handler<RoutingContext> handler(boolean rawBody) {
        return ctx -> {
            String type = Optional.ofNullable(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).orElse("")
                    .toLowerCase(Locale.ROOT);
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                tooLarge(ctx);
            } else if (type.startsWith("multipart/form-data") || !rawBody) {
                multipart.handle(ctx);
            } else {
                toDisk(ctx);
            }
        };
    }

    /** The uploaded files in the order they came: the multipart fields' files, or the plain body. */
    public static List<Upload> files(RoutingContext ctx) {
        List<Upload> files = new ArrayList<>();
        String raw = ctx.get(RAW_KEY);
        if (raw != null) {
            files.add(new Upload("", "", raw));
        }
        for (FileUpload upload : ctx.fileUploads()) {
            if (upload.size() > 0 || !upload.fileName().isEmpty()) {
                files.add(new Upload(upload.name(), upload.fileName(), upload.uploadedFileName()));
            }
        }
        return files;
    }

    /**
     * Deletes the request's uploads now, before the answer goes out (a client that asks again at once finds
     * nothing left); the deletion when the response ends stays as the net for failures.
     */
    public static io.vertx.core.Future<Void> discard(RoutingContext ctx) {
        FileSystem fs = ctx.vertx().fileSystem();
        List<io.vertx.core.Future<Void>> deleted = files(ctx).stream()
                .map(upload -> fs.delete(upload.path()).otherwiseEmpty()).toList();
        return io.vertx.core.Future.join(deleted).mapEmpty();
    }

    private void toDisk(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // Nothing may arrive before the file is open to take it
        request.pause();
        FileSystem fs = ctx.vertx().fileSystem();
        String path = directory + java.io.File.separator + UUID.randomUUID() + ".csv";
        fs.mkdirs(directory).compose(made -> fs.open(path, new OpenOptions().setWrite(true).setCreateNew(true)))
                .onFailure(err -> {
                    request.resume();
                    ctx.fail(err);
                })
                .onSuccess(file -> {
                    boolean[] closed = {false};
                    ctx.addEndHandler(ended -> (closed[0] ? io.vertx.core.Future.<Void>succeededFuture() : close(file, closed))
                            .eventually(() -> fs.exists(path)
                            .compose(there -> there ? fs.delete(path) : io.vertx.core.Future.succeededFuture())));
                    receive(ctx, request, file, path, closed);
                });
    }

    /** Once: a second close of an AsyncFile throws. */
    private static io.vertx.core.Future<Void> close(AsyncFile file, boolean[] closed) {
        closed[0] = true;
        return file.close();
    }

    private void receive(RoutingContext ctx, HttpServerRequest request, AsyncFile file, String path, boolean[] closed) {
        long[] received = {0};
        request.handler(chunk -> {
            if (received[0] < 0) {
                return;
            }
            received[0] += chunk.length();
            if (received[0] > maxBytes) {
                received[0] = -1;
                tooLarge(ctx);
                return;
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(drained -> request.resume());
            }
        });
        request.exceptionHandler(err -> {
            if (received[0] >= 0) {
                received[0] = -1;
                ctx.fail(err);
            }
        });
        request.endHandler(end -> {
            if (received[0] >= 0) {
                // close, not flush: flush does not wait for the writes still under way, and a file read then may
                // come out cut short (seen under load); close completes after the last write
                close(file, closed).onSuccess(written -> {
                    ctx.put(RAW_KEY, path);
                    ctx.next();
                }).onFailure(ctx::fail);
            }
        });
        request.resume();
    }

    /** Answered before the rest is read: the connection closes rather than take it. */
    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.fail(413, new BadParameters("import.tooLarge", maxBytes / (1024 * 1024)));
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
