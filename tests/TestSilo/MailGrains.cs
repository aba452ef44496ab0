using Shop.Runtime;
using Shop.Runtime.Streams;

namespace Shop.TestSilo;

public sealed record MailEvent(string Text);

public sealed class OutboxState
{
    public int Sent { get; set; }
}

public interface IMailboxGrain : IGrainWithStringKey
{
    /// <summary>Counts the mail in state and publishes it on ("mail", key) in one commit.</summary>
    Task SendAsync(string text);
}

public sealed class MailboxGrain([PersistentState("outbox")] IPersistentState<OutboxState> state) : Grain, IMailboxGrain
{
    public async Task SendAsync(string text)
    {
        state.State.Sent++;
        await GetStreamProvider().GetStream<MailEvent>(StreamId.Create("mail", GetPrimaryKeyString())).OnNextAsync(new MailEvent(text));
        await state.WriteStateAsync();
    }
}

public sealed class InboxState
{
    public HandledEvents Handled { get; set; } = new();

    public List<string> Texts { get; set; } = [];
}

public interface IInboxGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<string>> ReadAsync();
}

/// <summary>
/// Receives the "mail" streams. With SHOP_TESTSILO_HOLD_DELIVERY=1 its handler never returns, so a test
/// can kill the process after an event is committed and before it is delivered.
/// </summary>
[ImplicitStreamSubscription("mail")]
public sealed class InboxGrain([PersistentState("inbox")] IPersistentState<InboxState> state) : Grain, IInboxGrain, IStreamSubscriber<MailEvent>
{
    private static readonly bool HoldDelivery = Environment.GetEnvironmentVariable("SHOP_TESTSILO_HOLD_DELIVERY") == "1";

    public async Task OnNextAsync(MailEvent item, StreamEventContext context)
    {
        if (HoldDelivery)
        {
            await Task.Delay(Timeout.Infinite);
        }

        if (state.State.Handled.TryMarkHandled(context.EventId))
        {
            state.State.Texts.Add(item.Text);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ReadAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Texts]);
}
