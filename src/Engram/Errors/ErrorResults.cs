using Engram.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Errors;

internal static class ErrorResults
{
    public static JsonHttpResult<ApiError> ToResult(this ApiError error, int statusCode) =>
        TypedResults.Json(error, EngramJson.Default.ApiError, statusCode: statusCode);

    public static Task WriteAsync(HttpContext context, ApiError error, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(error, EngramJson.Default.ApiError);
    }
}
