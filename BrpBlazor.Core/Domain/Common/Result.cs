namespace BrpBlazor.Core.Domain.Common;

/// <summary>An expected refusal: a stable code for tests and logs, and a Swedish message for staff.</summary>
public sealed record Error(string Code, string Message)
{
    /// <summary>True when a supervisor may override this refusal with a written reason.</summary>
    public bool Overridable { get; init; }

    /// <summary>Set when the refusal is "this person already exists": the form links to that person.</summary>
    public int? ExistingPersonId { get; init; }

    public override string ToString() => $"{Code}: {Message}";
}

public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }

    public bool IsSuccess => Errors.Count == 0;

    public Error? FirstError => Errors.Count > 0 ? Errors[0] : null;

    public static Result Success() => new([]);

    public static Result Failure(Error error) => new([error]);

    public static Result Failure(IReadOnlyList<Error> errors) => new(errors);

    public static Result<T> Success<T>(T value) => Result<T>.Ok(value);

    public static implicit operator Result(Error error) => Failure(error);
}

public sealed class Result<T> : Result
{
    private readonly T? value;

    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => this.value = value;

    public T Value => IsSuccess ? value! : throw new InvalidOperationException("A failed result has no value.");

    public static Result<T> Ok(T value) => new(value, []);

    public static new Result<T> Failure(Error error) => new(default, [error]);

    public static new Result<T> Failure(IReadOnlyList<Error> errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
