package org.cbir.examples.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes {@code java.util.logging} (which JVector, under cbir-index's graph index, logs through)
 * to slf4j, so that the application's slf4j configuration ({@code simplelogger.properties}) decides
 * what reaches the console instead of the JDK's console handler printing every note to stderr.
 * Application code: libraries never install logging bridges.
 */
final class JulRouting {
    private JulRouting() {
    }

    /**
     * Replaces the root logger's handlers by the slf4j bridge (idempotent). The root level stays
     * INFO, so finer records are dropped before they are formatted.
     */
    static synchronized void install() {
        if (SLF4JBridgeHandler.isInstalled()) {
            return;
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.setLevel(Level.INFO);
        SLF4JBridgeHandler.install();
    }
}
