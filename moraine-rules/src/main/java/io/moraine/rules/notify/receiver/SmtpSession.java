package io.moraine.rules.notify.receiver;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** One SMTP conversation over a JDK socket (RFC 5321), upgraded by STARTTLS (RFC 3207). */
final class SmtpSession implements Closeable {
  /** A server reply: its code and the text of each line. */
  record Reply(int code, List<String> lines) {
    boolean positive() {
      return code / 100 == 2 || code / 100 == 3;
    }

    /** Whether an EHLO reply lists the extension {@code name} (case-insensitive). */
    boolean offers(String name) {
      for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String word = l.split(" ", 2)[0];
        if (word.equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    }

    /** The parameters of an EHLO extension line, upper case, or empty. */
    String params(String name) {
      for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] w = l.split(" ", 2);
        if (w[0].equalsIgnoreCase(name)) {
          return w.length > 1 ? w[1].toUpperCase(java.util.Locale.ROOT) : "";
        }
      }
      return "";
    }

    @Override
    public String toString() {
      return code + " " + String.join(" / ", lines);
    }
  }

  private final String host;
  private final int port;
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  SmtpSession(String host, int port, int timeoutMillis) throws IOException {
    this.host = host;
    this.port = port;
    this.socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), timeoutMillis);
    socket.setSoTimeout(timeoutMillis);
    this.in = reader(socket);
    this.out = socket.getOutputStream();
  }

  private static BufferedReader reader(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Reads one (possibly multi-line) reply. */
  Reply read() throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String l = in.readLine();
      if (l == null) {
        throw new IOException("SMTP server closed the connection");
      }
      if (l.length() < 3 || !Character.isDigit(l.charAt(0))) {
        throw new IOException("malformed SMTP reply: " + l);
      }
      lines.add(l.length() > 4 ? l.substring(4) : "");
      if (l.length() == 3 || l.charAt(3) != '-') {
        return new Reply(Integer.parseInt(l.substring(0, 3)), lines);
      }
    }
  }

  /** Sends one command line and reads its reply. */
  Reply command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return read();
  }

  /** Sends a message body after DATA: dot-stuffed, CRLF line ends, then the final dot. */
  Reply data(String message) throws IOException {
    StringBuilder sb = new StringBuilder(message.length() + 64);
    for (String line : message.split("\r?\n", -1)) {
      if (line.startsWith(".")) {
        sb.append('.');
      }
      sb.append(line).append("\r\n");
    }
    sb.append(".\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    return read();
  }

  /** Wraps the connection in TLS after a positive STARTTLS reply. */
  void startTls(SSLContext ctx) throws IOException {
    SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, host, port, true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    socket = tls;
    in = reader(tls);
    out = tls.getOutputStream();
  }

  boolean secure() {
    return socket instanceof SSLSocket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
