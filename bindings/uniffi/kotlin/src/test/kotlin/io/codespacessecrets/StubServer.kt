package io.codespacessecrets

import com.sun.net.httpserver.HttpServer
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.SocketException
import java.util.Collections
import kotlin.concurrent.thread

/**
 * A one-answer HTTP server on 127.0.0.1, for answers the emulator never gives (a 403 that is not
 * a rate limit, an unknown status, a body that is not JSON). Records the headers it received.
 */
class StubServer(status: Int, body: String, headers: Map<String, String> = emptyMap()) : AutoCloseable {
    private val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    val received: MutableList<Map<String, String>> = Collections.synchronizedList(mutableListOf())
    val url get() = "http://127.0.0.1:${server.address.port}"

    init {
        server.createContext("/") { exchange ->
            received.add(exchange.requestHeaders.mapValues { it.value.joinToString(",") }.mapKeys { it.key.lowercase() })
            exchange.responseHeaders.add("Content-Type", "application/json")
            headers.forEach { (name, value) -> exchange.responseHeaders.add(name, value) }
            val bytes = body.toByteArray()
            exchange.sendResponseHeaders(status, if (bytes.isEmpty()) -1 else bytes.size.toLong())
            exchange.responseBody.use { it.write(bytes) }
        }
        server.start()
    }

    fun client(userAgent: String? = null) =
        Client(ClientConfig(token = "ghp_stub_token", baseUrl = url, userAgent = userAgent, maxRetries = 0u))

    override fun close() = server.stop(0)
}

/** A server on 127.0.0.1 that accepts every connection and holds it open without ever answering. */
class SilentServer : AutoCloseable {
    private val listener = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val held: MutableList<Socket> = Collections.synchronizedList(mutableListOf())
    val url get() = "http://127.0.0.1:${listener.localPort}"

    private val acceptor = thread(isDaemon = true, name = "silent-server") {
        try {
            while (true) held.add(listener.accept())
        } catch (_: SocketException) {
            // closed: the test is over
        }
    }

    override fun close() {
        listener.close()
        acceptor.join(5_000)
        synchronized(held) { held.forEach { it.close() } }
    }
}
