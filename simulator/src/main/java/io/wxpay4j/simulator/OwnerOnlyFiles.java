package io.wxpay4j.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes the state directory so that only its owner can read it: files {@code rw-------}, the
 * directories the simulator creates {@code rwx------}. The files hold the merchant's private key
 * and the APIv3 key, and the umask alone usually lets every local user read them. On a file system
 * without POSIX permissions (Windows) files are written with its defaults.
 */
final class OwnerOnlyFiles {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code directory} and its missing parents owner-only. A directory that exists already
   * keeps its mode: it may be the user's own (say {@code --state-dir .}).
   */
  static void createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (!posix(absolute)) {
      Files.createDirectories(absolute);
      return;
    }
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = absolute; p != null && Files.notExists(p); p = p.getParent()) {
      missing.push(p);
    }
    FileAttribute<Set<PosixFilePermission>> attribute =
        PosixFilePermissions.asFileAttribute(DIRECTORY);
    for (Path p : missing) {
      try {
        Files.createDirectory(p, attribute);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
        continue; // made meanwhile by someone else: theirs, not ours to change
      }
      Files.setPosixFilePermissions(p, DIRECTORY); // the umask may have narrowed it further
    }
    Files.createDirectories(absolute); // fails here, naming the path, if it is not a directory
  }

  /**
   * Writes {@code text} (UTF-8) to {@code file}, created or truncated, readable by its owner only:
   * a new file is created {@code rw-------} (never readable by others, not even briefly), an
   * existing one is narrowed before a byte is written.
   */
  static void write(Path file, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    boolean posix = posix(file);
    Set<StandardOpenOption> options =
        EnumSet.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    try (SeekableByteChannel channel =
        posix
            ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(FILE))
            : Files.newByteChannel(file, options)) {
      if (posix) {
        Files.setPosixFilePermissions(file, FILE); // the attribute applies to new files only
      }
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  /**
   * Narrows an existing state file or directory to owner-only (state written by an older simulator,
   * or loosened by hand). Best effort: a file of another owner is left as it is.
   */
  static void restrict(Path path) {
    if (!posix(path) || !Files.exists(path)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
    } catch (IOException | SecurityException e) {
      // not ours to change; reading it still works
    }
  }
}
