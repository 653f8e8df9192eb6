using System.Runtime.InteropServices;

namespace CallCenter.Bench.Clients;

/// <summary>Linux's <c>epoll</c>, for <see cref="FramePoller"/>: which of a thousand sockets have data, in one call that costs what is ready.</summary>
internal static class Epoll
{
    public const uint In = 0x001;
    public const int Add = 1;
    public const int Delete = 2;
    public const int Interrupted = 4;

    /// <summary><c>struct epoll_event</c>, packed on x86-64.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct Event
    {
        public uint Events;
        public ulong Data;
    }

    /// <summary>Whether this process can use it: Linux on x86-64, where the struct above is the kernel's.</summary>
    public static bool Available => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static extern int Create(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static extern int Control(int epoll, int operation, int descriptor, ref Event watched);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static extern int Wait(int epoll, [Out] Event[] ready, int capacity, int timeoutMilliseconds);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int descriptor);
}
