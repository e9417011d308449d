using Engram.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Errors;

internal static class ErrorResults
{
    public static JsonHttpResult<ApiError> ToResult(this ApiError error, int statusCode) =>
        TypedResults.Json(error, EngramJson.Default.ApiError, statusCode: statusCode);

    public static JsonHttpResult<ApiError> BadRequest(ApiError error) => error.ToResult(StatusCodes.Status400BadRequest);
    public static JsonHttpResult<ApiError> NotFound(ApiError error) => error.ToResult(StatusCodes.Status404NotFound);
    public static JsonHttpResult<ApiError> Conflict(ApiError error) => error.ToResult(StatusCodes.Status409Conflict);

    public static Task WriteAsync(HttpContext context, ApiError error, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(error, EngramJson.Default.ApiError);
    }
}
