using System.Text.RegularExpressions;
using Engram.Errors;
using Engram.Validation;

namespace Engram.Users;

/// The body of POST /users/create: `firstName` and `lastName` required; `email`, `phone`, `id` optional.
public sealed partial record UserCreateRequest(string FirstName, string LastName, string? Email, string? Phone, string? Id)
{
    private static readonly ApiError EmailError = ApiError.BadRequest("email must be a valid email address like name@example.com");
    private static readonly ApiError PhoneError = ApiError.BadRequest(
        $"phone must be {Limits.MinPhoneLength}-{Limits.MaxPhoneLength} characters of digits, spaces and + - ( )");

    public static ApiError? TryParse(HttpContext context, out UserCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Required("firstName", Limits.MaxNameLength, out var firstName)) is not null
            || (error = fields.Required("lastName", Limits.MaxNameLength, out var lastName)) is not null
            || (error = fields.Optional("email", IsEmail, EmailError, out var email)) is not null
            || (error = fields.Optional("phone", IsPhone, PhoneError, out var phone)) is not null
            || (error = fields.OptionalId("id", out var id)) is not null)
        {
            return error;
        }
        request = new UserCreateRequest(firstName, lastName, email, phone, id);
        return null;
    }

    // "Looks like a@b.c": something, an @, a domain with a dot; no spaces, control characters
    // or second @. \z, not $: in .NET, $ also matches before a final newline.
    [GeneratedRegex(@"^[^@\s\p{Cc}]+@[^@\s\p{Cc}.]+(\.[^@\s\p{Cc}.]+)+\z")]
    private static partial Regex EmailPattern();

    private static bool IsEmail(string value) => value.Length <= Limits.MaxEmailLength && EmailPattern().IsMatch(value);

    private static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    [GeneratedRegex(@"^[0-9 +\-()]{7,32}\z")]
    private static partial Regex PhonePattern();
}
