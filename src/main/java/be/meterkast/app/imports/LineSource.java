package be.meterkast.app.imports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A file's lines, readable more than once (an import reads a file whole before it stores anything), handed to
 * a sink one by one. A sink that returns a future is waited for before the next line, so a big file is read
 * only as fast as its values are stored. Lines are split at {@code \n} with a trailing {@code \r} removed,
 * decoded as UTF-8 (a {@code \n} byte never falls inside a UTF-8 character).
 */
public interface LineSource {
    /** Hands each line to {@code sink}; completes after the last one, or fails with the sink's failure. */
    Future<Void> lines(Function<String, Future<Void>> sink);

    /** A file on disk, streamed without reading it whole. */
    static LineSource file(Vertx vertx, String path) {
        return sink -> vertx.fileSystem().open(path, new OpenOptions().setRead(true)).compose(file -> {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            RecordParser parser = RecordParser.newDelimited("\n", file);
            parser.exceptionHandler(done::tryFail);
            parser.endHandler(end -> done.tryComplete());
            parser.handler(record -> {
                Future<Void> wait = sink.apply(text(record));
                if (wait != null && !wait.isComplete()) {
                    parser.pause();
                    wait.onComplete(waited -> {
                        if (waited.failed()) {
                            done.tryFail(waited.cause());
                        } else {
                            parser.resume();
                        }
                    });
                } else if (wait != null && wait.failed()) {
                    done.tryFail(wait.cause());
                }
            });
            return done.future().eventually(file::close);
        });
    }

    /** A file already in memory (an API request's body). */
    static LineSource buffer(Buffer body) {
        return sink -> next(body, 0, sink);
    }

    private static Future<Void> next(Buffer body, int from, Function<String, Future<Void>> sink) {
        int at = from;
        while (at < body.length()) {
            int end = at;
            while (end < body.length() && body.getByte(end) != '\n') {
                end++;
            }
            Future<Void> wait = sink.apply(text(body.getBuffer(at, end)));
            int following = end + 1;
            if (wait != null) {
                return wait.compose(v -> next(body, following, sink));
            }
            at = following;
        }
        return Future.succeededFuture();
    }

    private static String text(Buffer line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
