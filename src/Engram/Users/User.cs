namespace Engram.Users;

/// One of the account's end users. `Id` is the value `customerUserID` carries elsewhere;
/// `Owner` and `UserID` are both the account.
public sealed record User(
    string Id,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string Owner,
    string UserID,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record UserList(IReadOnlyList<User> Users, string? NextToken, string? PreviousToken, int Count);
