package cancu.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Starts an in-process Neo4j (neo4j-harness, Community) that serves Bolt on 127.0.0.1 for cancu's tests.
 *
 * <pre>
 * usage: Neo4jHarnessMain [--ignore-stdin] [PORT [WORKDIR]]
 *   PORT     Bolt port on 127.0.0.1; 0 = let Neo4j pick one (env CANCU_NEO4J_BOLT_PORT, default 0)
 *   WORKDIR  directory for the harness's data and logs (env CANCU_NEO4J_WORKDIR, default: a new temp dir)
 * </pre>
 *
 * <p>Prints {@code INFO ...} lines, then exactly one {@code READY bolt://127.0.0.1:PORT} line on stdout once
 * Bolt accepts connections. It stays up until stdin reaches end-of-file (the parent died or closed the pipe)
 * or the JVM is asked to stop (SIGTERM/SIGINT); both shut the database down cleanly. With
 * {@code --ignore-stdin} (or env CANCU_NEO4J_IGNORE_STDIN=1) only a signal stops it, for use from a shell.
 *
 * <p>Authentication: the harness's default is kept, which is <em>auth disabled</em>
 * ({@code dbms.security.auth_enabled=false}); the line {@code INFO auth_enabled=...} reports what is in force.
 * Clients connect with no credentials (the Python driver's {@code auth=None}); any basic credentials are
 * accepted too.
 */
public final class Neo4jHarnessMain {

    private Neo4jHarnessMain() {}

    public static void main(String[] args) throws Exception {
        boolean ignoreStdin = "1".equals(System.getenv("CANCU_NEO4J_IGNORE_STDIN"));
        String portArg = System.getenv().getOrDefault("CANCU_NEO4J_BOLT_PORT", "0");
        String dirArg = System.getenv("CANCU_NEO4J_WORKDIR");
        int positional = 0;
        for (String arg : args) {
            if (arg.equals("--ignore-stdin")) {
                ignoreStdin = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("usage: Neo4jHarnessMain [--ignore-stdin] [PORT [WORKDIR]]");
                return;
            } else if (positional == 0) {
                portArg = arg;
                positional++;
            } else if (positional == 1) {
                dirArg = arg;
                positional++;
            } else {
                fail("unexpected argument: " + arg);
            }
        }
        int port;
        try {
            port = Integer.parseInt(portArg.trim());
        } catch (NumberFormatException e) {
            fail("PORT must be an integer, got: " + portArg);
            return;
        }
        if (port < 0 || port > 65535) {
            fail("PORT out of range: " + port);
        }
        Path workDir = dirArg == null || dirArg.isBlank()
                ? Files.createTempDirectory("cancu-neo4j-")
                : Files.createDirectories(Path.of(dirArg));

        long started = System.nanoTime();
        System.out.println("INFO starting neo4j-harness, workdir=" + workDir.toAbsolutePath());
        System.out.flush();

        // The harness creates a fresh randomly named sub-directory of workDir for each instance and keeps
        // data and logs (logs/neo4j.log, logs/debug.log, ...) there.
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(workDir)
                .withDisabledServer() // no HTTP/HTTPS web server: Bolt only, faster start
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                // no usage-data pings to neo4j.com (the test machines are offline anyway)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                // Netty's graceful shutdown of the Bolt server otherwise idles ~10 s on close
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                // everything else (auth disabled, 8 MiB page cache, ...) stays the harness default
                .build();

        AtomicBoolean closed = new AtomicBoolean(false);
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    neo4j.close();
                } catch (RuntimeException e) {
                    System.err.println("ERROR closing neo4j: " + e);
                }
                System.out.println("STOPPED");
                System.out.flush();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "cancu-neo4j-shutdown"));

        URI bolt = neo4j.boltURI();
        boolean authEnabled = neo4j.config().get(GraphDatabaseSettings.auth_enabled);
        System.out.println("INFO auth_enabled=" + authEnabled);
        System.out.printf("INFO started in %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.println("READY bolt://127.0.0.1:" + bolt.getPort());
        System.out.flush();

        if (ignoreStdin) {
            new CountDownLatch(1).await(); // until a signal runs the shutdown hook and exits the JVM
        } else {
            drainUntilEof(System.in);
            shutdown.run();
            System.exit(0);
        }
    }

    private static void drainUntilEof(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // the parent may write anything; only end-of-file matters
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone: shut down as well
        }
    }

    private static void fail(String message) {
        System.err.println("ERROR " + message);
        System.exit(2);
    }
}
