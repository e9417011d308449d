namespace Engram.Validation;

/// Every bound the contract names, in one place; error messages quote these constants.
internal static class Limits
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;
    public const int MaxIdLength = 128;
    public const int MaxCustomerUserIdLength = 256;
    public const int MaxMetadataItems = 64;
    public const int MaxMetadataKeyLength = 128;
    public const int MaxMetadataValueLength = 2048;
    public const int MaxContentLength = 32768;
    public const int MaxNameLength = 256;
    public const int MinPhoneLength = 7;
    public const int MaxPhoneLength = 32;
    public const int MaxJsonDepth = 64;
}
