package org.investlake.storage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive lock of a warehouse for writers, so two of them never interleave their commits
 * (the rollback of {@link WriteTransaction} relies on it); readers (sql, serve) never take it. The
 * jobs that write take it themselves ({@code LoadJob.execute}, {@code BuildJob.execute},
 * {@link TableVersions#restore(String, String, long, String)}), so a test, a notebook or a scheduler
 * that calls them is as safe as the CLI; a command may also hold it around several jobs ({@code run}:
 * the loads and the build under one hold). Use with try-with-resources:
 *
 * <pre>
 * try (WarehouseLock lock = WarehouseLock.acquire(warehouse, "load")) { ... }
 * </pre>
 *
 * <p>The lock file is {@code <root>/_investlake.lock} and holds who has the lock (pid, host, start
 * time, command). Two ways to hold it:
 * <ul>
 *   <li><b>file lock</b> (a {@code file:} warehouse): an OS lock on the file through
 *       {@link FileChannel#tryLock}, polled until the timeout (default 10 minutes, env
 *       {@value #TIMEOUT_ENV}, in seconds); while waiting, one line goes to the given writer, else
 *       to the log: "waiting for another load on this warehouse (started by pid N at HH:MM)…". The OS drops the lock when the process
 *       dies, so it is never stale; the file stays (deleting it would let two processes lock two
 *       different files), emptied on release.</li>
 *   <li><b>write lease</b> (an {@code hdfs:} warehouse): holding the lock is holding the namenode's write
 *       lease on the file, which a file system allows one client at a time. The holder opens the file for
 *       writing — {@code create(path, false)} the first time, {@code append} after that — writes its record
 *       (flushed, so waiters can read it) and keeps the stream open until it releases, when it closes it; the
 *       file stays, one record per holder. A second writer's open is refused while the lease is held
 *       ({@code AlreadyBeingCreatedException}); it polls and waits, with the same timeout and message as
 *       the file lock. The HDFS client renews a live holder's lease in the background (every 30 s). A
 *       holder that is killed stops renewing: once its lease is older than the soft limit (60 s) the next
 *       waiter's open makes the namenode recover the lease and close the file, and a retry a moment later
 *       gets it — a killed holder delays the next writer by about a minute, never for good (with no waiter,
 *       the namenode itself recovers it after the hard limit, {@code dfs.namenode.lease-hard-limit-sec},
 *       20 minutes by default).</li>
 *   <li><b>exclusive create</b> (s3a:, abfs: … — stores without write leases): the file is
 *       created with {@code FileSystem.create(path, false)} and deleted on release; when it already
 *       exists the lock fails at once with a message naming the file and its holder. A process that
 *       is killed leaves it behind: the message says to delete it when no writer is running.
 *       On object stores without conditional writes (S3A on Hadoop 3.3) only best effort.</li>
 * </ul>
 * Within one JVM an in-process lock comes first (an OS file lock cannot be taken twice by one JVM),
 * so threads wait for each other the same way; it is reentrant for the thread that holds it (a
 * {@code run} that locks and then calls the load and build code that lock again). Close it from the
 * thread that acquired it.
 */
public final class WarehouseLock implements AutoCloseable {
    public static final String FILE_NAME = "_investlake.lock";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** Environment variable with the longest wait for the lock, in seconds (e.g. 600). */
    public static final String TIMEOUT_ENV = "INVESTLAKE_LOCK_TIMEOUT";

    private static final long LOCK_POSITION = Long.MAX_VALUE - 1; // past the text, so readers can read it
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, Holder> HOLDERS = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);

    /** The warehouse is locked by another writer (and the wait, if any, is over). */
    public static final class LockedException extends RuntimeException {
        public LockedException(String message) {
            super(message);
        }
    }

    /** Who holds a lock, as written into the lock file. */
    record Info(String pid, String host, Instant started, String command) {
        /** This process; the host name is looked up only when it will be shown (exclusive-create mode). */
        static Info mine(String command, boolean lookUpHost) {
            String host = System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : System.getenv("COMPUTERNAME");
            if (host == null && lookUpHost) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException | RuntimeException e) {
                    host = null;
                }
            }
            return new Info(
                    String.valueOf(ProcessHandle.current().pid()), host == null ? "?" : host, Instant.now(), command);
        }

        String text(String token) {
            return "pid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\ncommand=" + command + "\ntoken="
                    + token + "\n";
        }

        static Info parse(String text) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            Instant started = null;
            try {
                started = kv.containsKey("started") ? Instant.parse(kv.get("started")) : null;
            } catch (RuntimeException e) {
                // a half-written file: no time
            }
            return new Info(kv.get("pid"), kv.get("host"), started, kv.get("command"));
        }

        /** "another load", "another build", ... */
        String another() {
            return "another " + (command == null || command.isBlank() ? "load" : command);
        }

        /** "(started by pid 123 at 14:05)". */
        String startedBy() {
            String at = started == null ? "" : " at " + HH_MM.format(started.atZone(ZoneId.systemDefault()));
            return pid == null ? "" : " (started by pid " + pid + at + ")";
        }

        /** "pid 123 on host h, started 2024-05-01 14:05". */
        String details(boolean withHost) {
            StringBuilder b = new StringBuilder();
            b.append(pid == null ? "pid unknown" : "pid " + pid);
            if (withHost && host != null && !host.equals("?")) {
                b.append(" on host ").append(host);
            }
            if (started != null) {
                b.append(", started ").append(DAY_TIME.format(started.atZone(ZoneId.systemDefault())));
            }
            return b.toString();
        }
    }

    /** The in-JVM side of one lock file: who holds it in this JVM, and the OS lock or created file. */
    private static final class Holder {
        final ReentrantLock jvm = new ReentrantLock();
        volatile Info info;
        FileChannel channel;
        FileLock fileLock;
        FileSystem fs;
        org.apache.hadoop.fs.Path path;
        FSDataOutputStream lease;
        String token;
    }

    /** Settings of one acquisition; {@link #acquire()} takes the lock. */
    public static final class Builder {
        private final String root;
        private String command = "load";
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration pollInterval = Duration.ofMillis(250);
        private PrintWriter note;
        private Configuration hadoop;
        private boolean exclusiveCreate;

        private Builder(String root) {
            this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        }

        /** What the holder is doing (load, build, run, restore): written into the lock file, shown to waiters. */
        public Builder command(String command) {
            this.command = command;
            return this;
        }

        /** How long to wait for the lock (zero: fail at once). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** Where the one "waiting for ..." line goes (null, the default: the log, at WARN). */
        public Builder note(PrintWriter note) {
            this.note = note;
            return this;
        }

        /** The Hadoop configuration of a non-local warehouse (default: a new one). */
        public Builder hadoop(Configuration hadoop) {
            this.hadoop = hadoop;
            return this;
        }

        /** Test seam: the exclusive-create way on a file: or hdfs: warehouse, which would otherwise take another way. */
        Builder exclusiveCreate() {
            this.exclusiveCreate = true;
            return this;
        }

        public WarehouseLock acquire() {
            return WarehouseLock.acquire(this);
        }
    }

    private final Holder holder;
    private final String lockFile;
    private boolean closed;

    private WarehouseLock(Holder holder, String lockFile) {
        this.holder = holder;
        this.lockFile = lockFile;
    }

    /** A lock on the warehouse at {@code rootUri} (a file: URI or any Hadoop URI). */
    public static Builder on(String rootUri) {
        return new Builder(Locations.normalise(rootUri));
    }

    /**
     * Locks {@code warehouse} for a job ({@code LoadJob}, {@code BuildJob}, a restore) called by any
     * caller: a command, a test, a notebook, a scheduler. While it waits, one line goes to the log at
     * WARN (stderr under the CLI and Spark's default logging). Reentrant: inside a command that holds
     * the lock already, it returns at once.
     */
    public static WarehouseLock acquire(Warehouse warehouse, String command) {
        return acquire(warehouse, command, null);
    }

    /** Locks {@code warehouse} for {@code command}, waiting up to {@link #timeout()} with one note to {@code note}. */
    public static WarehouseLock acquire(Warehouse warehouse, String command, PrintWriter note) {
        WarehouseLock lock = on(warehouse.root())
                .command(command)
                .note(note)
                .timeout(timeout())
                .hadoop(warehouse.spark().sparkContext().hadoopConfiguration())
                .acquire();
        if (lock.holder.jvm.getHoldCount() == 1) {
            try {
                warehouse.refresh(); // what the writer before us created is ours to write now
            } catch (RuntimeException | Error e) {
                lock.close();
                throw e;
            }
        }
        return lock;
    }

    /** The wait from {@value #TIMEOUT_ENV} in seconds, else 10 minutes. */
    public static Duration timeout() {
        String v = System.getenv(TIMEOUT_ENV);
        return v == null || v.isBlank() ? DEFAULT_TIMEOUT : parseSeconds(v.trim());
    }

    static Duration parseSeconds(String v) {
        try {
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_ENV + "=" + v + " is not a number of seconds (e.g. 600)");
        }
    }

    /** The lock file, as a URI. */
    public String lockFile() {
        return lockFile;
    }

    private static WarehouseLock acquire(Builder b) {
        boolean osLock = b.root.startsWith("file:") && !b.exclusiveCreate;
        String lockUri = b.root + "/" + FILE_NAME;
        String key = osLock ? localPath(lockUri).toString() : lockUri;
        Holder h = HOLDERS.computeIfAbsent(key, k -> new Holder());
        long deadline = System.nanoTime() + b.timeout.toNanos();
        boolean[] noted = {false};

        if (!h.jvm.tryLock()) {
            // the holder is a thread of this process; it names itself (command, start) just after its tryLock and
            // forgets it just before unlocking, so in those moments only the pid is known
            Info named = h.info; // read once: another thread may clear it meanwhile
            Info other = named != null
                    ? named
                    : new Info(String.valueOf(ProcessHandle.current().pid()), null, null, null);
            note(b, noted, other);
            try {
                if (!h.jvm.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    Info now = h.info; // who holds it now
                    throw timedOut(b, now != null ? now : other, lockUri);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockedException("interrupted while waiting for the warehouse lock " + lockUri);
            }
        }
        if (h.jvm.getHoldCount() > 1) {
            return new WarehouseLock(h, lockUri); // this thread already holds it
        }
        try {
            Info mine = Info.mine(b.command, !osLock);
            h.info = mine; // first in line in this JVM: what its other threads name while they wait
            String token = UUID.randomUUID().toString();
            if (osLock) {
                lockFile(b, h, localPath(lockUri), mine, token, deadline, noted);
            } else if (lockUri.startsWith("hdfs:") && !b.exclusiveCreate) {
                lease(b, h, lockUri, mine, token, deadline, noted);
            } else {
                create(b, h, lockUri, mine, token);
            }
            h.info = mine;
            h.token = token;
            return new WarehouseLock(h, lockUri);
        } catch (RuntimeException | Error e) {
            h.info = null;
            h.jvm.unlock();
            throw e;
        }
    }

    private static void lockFile(
            Builder b, Holder h, Path file, Info mine, String token, long deadline, boolean[] noted) {
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            while (true) {
                FileLock fl;
                try {
                    fl = ch.tryLock(LOCK_POSITION, 1, false);
                } catch (OverlappingFileLockException e) {
                    fl = null; // locked through another channel of this JVM, outside this class
                }
                if (fl != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(mine.text(token).getBytes(StandardCharsets.UTF_8)), 0);
                    ch.force(false);
                    h.channel = ch;
                    h.fileLock = fl;
                    return;
                }
                Info other = Info.parse(readQuietly(file));
                note(b, noted, other);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timedOut(b, other, file.toUri().toString());
                }
                Thread.sleep(Math.max(1, Math.min(b.pollInterval.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1)));
            }
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot open the warehouse lock file " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(ch);
            Thread.currentThread().interrupt();
            throw new LockedException("interrupted while waiting for the warehouse lock " + file);
        } catch (RuntimeException | Error e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** The write-lease way (class comment): open the file for writing, or wait while another client holds it. */
    private static void lease(
            Builder b, Holder h, String lockUri, Info mine, String token, long deadline, boolean[] noted) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(lockUri);
        Configuration conf = new Configuration(b.hadoop != null ? b.hadoop : new Configuration());
        // Appending asks for a pipeline of the file's full replication: where fewer datanodes are up than that
        // (a small cluster), go on with the ones there are; the record is a few lines, the lease is what counts.
        conf.setBoolean("dfs.client.block.write.replace-datanode-on-failure.best-effort", true);
        FileSystem fs = null;
        try {
            // a client of its own: its lease is this lock's alone, and closing it at release ends nothing else
            fs = FileSystem.newInstance(URI.create(lockUri), conf);
            while (true) {
                FSDataOutputStream out = null;
                try {
                    out = fs.exists(path) ? fs.append(path) : fs.create(path, false);
                    out.write(mine.text(token).getBytes(StandardCharsets.UTF_8));
                    out.hflush(); // readable by waiters while the stream stays open
                    h.fs = fs;
                    h.path = path;
                    h.lease = out;
                    fs = null; // kept open by the holder
                    return;
                } catch (IOException e) {
                    if (out != null) {
                        closeQuietly(out);
                        throw e;
                    }
                    if (!leaseHeld(e)) {
                        throw e;
                    }
                }
                Info other = lastRecord(fs, path);
                note(b, noted, other);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timedOut(b, other, lockUri);
                }
                Thread.sleep(Math.max(1, Math.min(b.pollInterval.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the warehouse lock file " + lockUri + " for writing: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockedException("interrupted while waiting for the warehouse lock " + lockUri);
        } finally {
            closeQuietly(fs);
        }
    }

    /**
     * Whether opening the lock file failed because another client holds its write lease (or the namenode is
     * recovering the lease of one that died, or another client created the file a moment before).
     */
    private static boolean leaseHeld(IOException e) {
        String name = e instanceof org.apache.hadoop.ipc.RemoteException re
                ? re.getClassName()
                : e.getClass().getName();
        return name.endsWith(".AlreadyBeingCreatedException")
                || name.endsWith(".RecoveryInProgressException")
                || name.endsWith(".FileAlreadyExistsException");
    }

    /** The holder named by the last record of a write-lease lock file (one record per holder). */
    private static Info lastRecord(FileSystem fs, org.apache.hadoop.fs.Path path) {
        try (var in = fs.open(path)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int last = text.lastIndexOf("pid=");
            return Info.parse(last < 0 ? "" : text.substring(last));
        } catch (IOException | RuntimeException e) {
            return new Info(null, null, null, null); // being recovered, or unreadable: wait without details
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already failed; the first error is the one reported
            }
        }
    }

    private static void create(Builder b, Holder h, String lockUri, Info mine, String token) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(lockUri);
        try {
            FileSystem fs = FileSystem.get(URI.create(lockUri), b.hadoop != null ? b.hadoop : new Configuration());
            if (fs.exists(path)) {
                throw held(fs, path, lockUri);
            }
            try (FSDataOutputStream out = fs.create(path, false)) {
                out.write(mine.text(token).getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                throw held(fs, path, lockUri);
            }
            h.fs = fs;
            h.path = path;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the warehouse lock file " + lockUri + ": " + e.getMessage(), e);
        }
    }

    private static LockedException held(FileSystem fs, org.apache.hadoop.fs.Path path, String lockUri) {
        Info other = new Info(null, null, null, null);
        try (var in = fs.open(path)) {
            other = Info.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            // deleted in between, or unreadable: report without details
        }
        return new LockedException("the warehouse is locked by " + other.another() + " (" + other.details(true)
                + "): the lock file " + lockUri + " exists. If no investlake load, build, run or restore is running on "
                + "this warehouse (one that was killed leaves the file behind), delete that file and try again.");
    }

    private static LockedException timedOut(Builder b, Info other, String lockUri) {
        Info o = other == null ? new Info(null, null, null, null) : other;
        return new LockedException("gave up after " + human(b.timeout) + " waiting for the warehouse lock: "
                + o.another() + " (" + o.details(false) + ") still holds " + lockUri
                + "; try again when it has finished (" + TIMEOUT_ENV + " sets the wait)");
    }

    private static void note(Builder b, boolean[] noted, Info other) {
        if (noted[0]) {
            return;
        }
        noted[0] = true;
        Info o = other == null ? new Info(null, null, null, null) : other;
        String line = "waiting for " + o.another() + " on this warehouse" + o.startedBy() + "…";
        if (b.note == null) {
            LOG.warn(line); // a job called without the CLI: the log is what its caller sees (stderr by default)
        } else {
            b.note.println(line);
            b.note.flush();
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0
                            ? String.valueOf(ms / 1000)
                            : String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0))
                    + " s";
        }
        long s = ms / 1000;
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }

    private static Path localPath(String fileUri) {
        try {
            return Path.of(URI.create(fileUri)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return Path.of(fileUri.replaceFirst("^file:(//)?", ""))
                    .toAbsolutePath()
                    .normalize();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Releases the lock (the last close of a reentrant holder releases the file). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (holder.jvm.getHoldCount() == 1) {
                release();
            }
        } finally {
            holder.jvm.unlock();
        }
    }

    private void release() {
        Holder h = holder;
        h.info = null;
        try {
            if (h.fileLock != null) {
                try {
                    h.channel.truncate(0); // no holder any more; the file stays (see the class comment)
                } finally {
                    h.channel.close(); // releases the OS lock
                }
            } else if (h.lease != null) {
                try {
                    h.lease.close(); // gives up the write lease; the file stays (see the class comment)
                } finally {
                    h.fs.close(); // the lock's own client
                }
            } else if (h.path != null) {
                String text;
                try (var in = h.fs.open(h.path)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (text.contains("token=" + h.token)) {
                    h.fs.delete(h.path, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the warehouse lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            h.fileLock = null;
            h.channel = null;
            h.path = null;
            h.fs = null;
            h.lease = null;
            h.token = null;
        }
    }
}
