using System.Text.RegularExpressions;
using Engram.Errors;
using Engram.Validation;

namespace Engram.Users;

/// The body of POST /users/create: `firstName` and `lastName` required; `email`, `phone`, `id` optional.
public sealed partial record UserCreateRequest(string FirstName, string LastName, string? Email, string? Phone, string? Id)
{
    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> FirstNameField = Body.Add(Field.Text("firstName", 1, Limits.MaxNameLength, "First name").Required());
    private static readonly RequiredField<string> LastNameField = Body.Add(Field.Text("lastName", 1, Limits.MaxNameLength, "Last name").Required());
    private static readonly TextField EmailField = Body.Add(Field.Text("email", 3, Limits.MaxEmailLength, "Looks like a@b.c") with
    {
        Check = IsEmail, Format = "email", Error = "email must be a valid email address like name@example.com",
    });
    private static readonly TextField PhoneField = Body.Add(Field.Text("phone", Limits.MinPhoneLength, Limits.MaxPhoneLength, "Digits, spaces and + - ( )") with
    {
        Check = IsPhone,
        Pattern = @"^[0-9 +\-()]+$",
        Error = $"phone must be {Limits.MinPhoneLength}-{Limits.MaxPhoneLength} characters of digits, spaces and + - ( )",
    });
    private static readonly TextField IdField = Body.Add(Field.Id("id", "End user id: the value customerUserID carries elsewhere; generated when absent"));

    public static ApiError? TryParse(HttpContext context, out UserCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(FirstNameField, out var firstName)) is not null
            || (error = fields.Read(LastNameField, out var lastName)) is not null
            || (error = fields.Read(EmailField, out var email)) is not null
            || (error = fields.Read(PhoneField, out var phone)) is not null
            || (error = fields.Read(IdField, out var id)) is not null)
        {
            return error;
        }
        request = new UserCreateRequest(firstName, lastName, email, phone, id);
        return null;
    }

    // "Looks like a@b.c": something, an @, a domain with a dot; no spaces, control characters
    // or second @. \z, not $: in .NET, $ also matches before a final newline. The length in
    // UTF-16 units too, as before: at most 254 of those as well as of characters.
    [GeneratedRegex(@"^[^@\s\p{Cc}]+@[^@\s\p{Cc}.]+(\.[^@\s\p{Cc}.]+)+\z")]
    private static partial Regex EmailPattern();

    private static bool IsEmail(string value) => value.Length <= Limits.MaxEmailLength && EmailPattern().IsMatch(value);

    // The length is the field's bound; this is the alphabet.
    private static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    [GeneratedRegex(@"^[0-9 +\-()]+\z")]
    private static partial Regex PhonePattern();
}
