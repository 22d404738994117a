package com.llmgateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code n} distinct free TCP ports on 127.0.0.1, one a line, for run.sh: the mock's event loops and nginx
 * need a port number up front. All are held open together before any is released, so they differ.
 */
public final class FreePorts {
    private FreePorts() {}

    public static void main(String[] args) throws IOException {
        int count = args.length == 0 ? 1 : Integer.parseInt(args[0]);
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            sockets.forEach(socket -> System.out.println(socket.getLocalPort()));
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
