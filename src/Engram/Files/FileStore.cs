using System.Data.Common;
using Engram.Memories;
using Engram.Paging;
using Engram.Storage;
using static Engram.Storage.StoredRows;

namespace Engram.Files;

public enum FileInsert { Created, Duplicate, NoUpload }

/// The SQL of uploads and files, written once for both backends.
public sealed class FileStore(IStore store)
{
    /// Upload bytes are stored in parts of this size: small enough to stream, big enough to be few rows.
    public const int PartBytes = 1 << 20;

    private const string Columns =
        "id, name, extension, file_type, category, bronze_key, external_uri, size, length, tokens, created_at, updated_at";

    // Every statement selects Columns first, so one set of ordinals serves them all.
    private static readonly ColumnOrdinals<FileOrdinals> Row = new(reader => new FileOrdinals(reader));

    private static readonly KeysetList AllFiles = new(Columns, "files WHERE account_id = @account", "created_at", "id", descending: true);
    private static readonly KeysetList FilesOfCategory = new(Columns,
        "files WHERE account_id = @account AND category = @category", "created_at", "id", descending: true);

    public Task CreateUploadAsync(string account, string key, DateTime now, CancellationToken cancellationToken) =>
        store.WriteAsync(db => db.Command("""
            INSERT INTO uploads (key, account_id, generation, size, created_at, updated_at)
            VALUES (@key, @account, 0, NULL, @at, @at)
            """).With("@key", key).With("@account", account).With("@at", UnixMs.From(now)).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    public Task<bool> UploadExistsAsync(string key, CancellationToken cancellationToken) =>
        store.ReadAsync(async db => await db.Command("SELECT COUNT(*) FROM uploads WHERE key = @key").With("@key", key)
            .ScalarInt64Async(cancellationToken) > 0, cancellationToken);

    public Task<bool> UploadUsedAsync(string key, CancellationToken cancellationToken) =>
        store.ReadAsync(async db => await db.Command("SELECT COUNT(*) FROM files WHERE bronze_key = @key").With("@key", key)
            .ScalarInt64Async(cancellationToken) > 0, cancellationToken);

    /// One part of a PUT in progress; parts of a generation that never completes are swept later.
    public Task WritePartAsync(string key, long generation, int part, byte[] bytes, int length, CancellationToken cancellationToken) =>
        store.WriteAsync(db => db.Command("""
            INSERT INTO upload_parts (key, generation, part, bytes, created_at) VALUES (@key, @generation, @part, @bytes, @at)
            """).With("@key", key).With("@generation", generation).With("@part", part)
            .With("@bytes", length == bytes.Length ? bytes : bytes[..length]).With("@at", UnixMs.From(UnixMs.Now()))
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// Makes `generation` the upload's bytes and drops the parts of the generation it replaces, in
    /// one step. Parts of a PUT still running beside this one are its own, and stay.
    public Task CompleteUploadAsync(string key, long generation, long size, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var lockRow = store.Kind == StoreKind.Postgres ? " FOR UPDATE" : "";
            var previous = await db.Command($"SELECT generation FROM uploads WHERE key = @key{lockRow}").With("@key", key)
                .ScalarInt64Async(cancellationToken);
            await db.Command("UPDATE uploads SET generation = @generation, size = @size, updated_at = @at WHERE key = @key")
                .With("@key", key).With("@generation", generation).With("@size", size).With("@at", UnixMs.From(UnixMs.Now()))
                .ExecuteNonQueryAsync(cancellationToken);
            return await db.Command("DELETE FROM upload_parts WHERE key = @key AND generation = @previous")
                .With("@key", key).With("@previous", previous).ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task DiscardPartsAsync(string key, long generation, CancellationToken cancellationToken) =>
        store.WriteAsync(db => db.Command("DELETE FROM upload_parts WHERE key = @key AND generation = @generation")
            .With("@key", key).With("@generation", generation).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// Parts left by PUTs that died before completing (their generation was never swapped in), and
    /// upload keys whose URL expired with nothing PUT.
    public Task<int> SweepAbandonedAsync(DateTime partsBefore, DateTime keysBefore, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var parts = await db.Command("""
                DELETE FROM upload_parts WHERE created_at < @before
                  AND generation <> COALESCE((SELECT u.generation FROM uploads u WHERE u.key = upload_parts.key), -1)
                """).With("@before", UnixMs.From(partsBefore)).ExecuteNonQueryAsync(cancellationToken);
            var keys = await db.Command("""
                DELETE FROM uploads WHERE generation = 0 AND created_at < @before
                  AND NOT EXISTS (SELECT 1 FROM upload_parts p WHERE p.key = uploads.key)
                """).With("@before", UnixMs.From(keysBefore)).ExecuteNonQueryAsync(cancellationToken);
            return parts + keys;
        }, cancellationToken);

    public Task<FileInsert> InsertAsync(string account, FileRecord file, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            long? size = null;
            if (file.BronzeKey is { } key)
            {
                var uploaded = await db.Command("SELECT size FROM uploads WHERE key = @key AND account_id = @account AND generation > 0")
                    .With("@key", key).With("@account", account).ExecuteScalarAsync(cancellationToken);
                if (uploaded is null or DBNull)
                {
                    return FileInsert.NoUpload;
                }
                size = Convert.ToInt64(uploaded, System.Globalization.CultureInfo.InvariantCulture);
            }
            var inserted = await db.Command("""
                INSERT INTO files (account_id, id, name, extension, file_type, category, bronze_key, external_uri, size,
                                   length, tokens, created_at, updated_at)
                VALUES (@account, @id, @name, @extension, @type, @category, @key, @uri, @size, NULL, NULL, @at, @at)
                ON CONFLICT DO NOTHING
                """).With("@account", account).With("@id", file.Id).With("@name", file.Name).With("@extension", file.Extension)
                .With("@type", file.FileType).With("@category", file.Category).With("@key", file.BronzeKey)
                .With("@uri", file.ExternalURI).With("@size", size).With("@at", UnixMs.From(file.CreatedAt))
                .ExecuteNonQueryAsync(cancellationToken);
            return inserted == 1 ? FileInsert.Created : FileInsert.Duplicate;
        }, cancellationToken);

    public Task<FileRecord?> GetAsync(string account, string id, CancellationToken cancellationToken) =>
        store.ReadAsync(db => GetAsync(db, account, id, cancellationToken), cancellationToken);

    public static async Task<FileRecord?> GetAsync(ISqlConnection db, string account, string id, CancellationToken cancellationToken)
    {
        await using var reader = await db.Command($"SELECT {Columns} FROM files WHERE account_id = @account AND id = @id")
            .With("@account", account).With("@id", id).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, account, PositionOf(reader)) : null;
    }

    public Task<Page<FileRecord>> ListAsync(string account, string? category, PageRequest page, CancellationToken cancellationToken) =>
        store.ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, category is null ? AllFiles : FilesOfCategory,
            command =>
            {
                command.With("@account", account);
                if (category is not null)
                {
                    command.With("@category", category);
                }
            },
            page, (reader, position) => Read(reader, account, position), PositionOf, cancellationToken), cancellationToken);

    /// Deletes the file, its samples and chunks in every memory, and its bytes unless another file
    /// shares them, in one transaction; each memory it was in sees the removal on its next query.
    public Task<bool> DeleteAsync(string account, string id, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var file = await GetAsync(db, account, id, cancellationToken);
            if (file is null)
            {
                return false;
            }
            // The file's row goes first: an add-files holding it (FOR SHARE) commits before, and its
            // sample is then among those removed; one that comes after finds no file.
            await db.Command("DELETE FROM files WHERE account_id = @account AND id = @id")
                .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
            await SampleRemoval.RemoveSamplesAsync(db, account, "file_id = @file", command => command.With("@file", id), cancellationToken);
            if (file.BronzeKey is { } key)
            {
                await db.Command("""
                    DELETE FROM upload_parts WHERE key = @key AND NOT EXISTS (SELECT 1 FROM files WHERE bronze_key = @key)
                    """).With("@key", key).ExecuteNonQueryAsync(cancellationToken);
                await db.Command("""
                    DELETE FROM uploads WHERE key = @key AND NOT EXISTS (SELECT 1 FROM files WHERE bronze_key = @key)
                    """).With("@key", key).ExecuteNonQueryAsync(cancellationToken);
            }
            return true;
        }, cancellationToken);

    /// The uploaded bytes of `key`, copied part by part into `destination`.
    public Task<long> CopyUploadAsync(string key, Stream destination, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            long copied = 0;
            await using var reader = await db.Command("""
                SELECT p.bytes FROM upload_parts p JOIN uploads u ON u.key = p.key AND u.generation = p.generation
                WHERE p.key = @key ORDER BY p.part
                """).With("@key", key).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var bytes = (byte[])reader.GetValue(0);
                await destination.WriteAsync(bytes, cancellationToken);
                copied += bytes.Length;
            }
            return copied;
        }, cancellationToken);

    /// Records what ingestion learned of the file: its text's length and tokens.
    public static Task SetMeasuresAsync(ISqlConnection db, string account, string id, long length, long tokens, CancellationToken cancellationToken) =>
        db.Command("UPDATE files SET length = @length, tokens = @tokens, updated_at = @at WHERE account_id = @account AND id = @id")
            .With("@length", length).With("@tokens", tokens).With("@at", UnixMs.From(UnixMs.Now()))
            .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken);

    private static Position PositionOf(DbDataReader reader)
    {
        var at = Row.Of(reader);
        return new(reader.GetInt64(at.CreatedAt), reader.GetString(at.Id));
    }

    private static FileRecord Read(DbDataReader reader, string account, Position position)
    {
        var at = Row.Of(reader);
        return new(
            Id: position.Id, Name: reader.GetString(at.Name), Extension: reader.GetString(at.Extension), FileType: reader.GetString(at.FileType),
            Category: reader.GetString(at.Category), BronzeKey: NullableString(reader, at.BronzeKey),
            ExternalURI: NullableString(reader, at.ExternalUri), UserID: account, OrganisationID: account,
            Size: NullableInt64(reader, at.Size), Length: NullableInt64(reader, at.Length), Tokens: NullableInt64(reader, at.Tokens),
            NumSpeakers: null, OriginRegion: "local",
            CreatedAt: UnixMs.ToDateTime(position.Key), UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(at.UpdatedAt)));
    }

    private static long? NullableInt64(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}

/// Where a file row's columns are, by name.
public sealed class FileOrdinals(DbDataReader reader)
{
    public int Id { get; } = reader.GetOrdinal("id");
    public int Name { get; } = reader.GetOrdinal("name");
    public int Extension { get; } = reader.GetOrdinal("extension");
    public int FileType { get; } = reader.GetOrdinal("file_type");
    public int Category { get; } = reader.GetOrdinal("category");
    public int BronzeKey { get; } = reader.GetOrdinal("bronze_key");
    public int ExternalUri { get; } = reader.GetOrdinal("external_uri");
    public int Size { get; } = reader.GetOrdinal("size");
    public int Length { get; } = reader.GetOrdinal("length");
    public int Tokens { get; } = reader.GetOrdinal("tokens");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
}
