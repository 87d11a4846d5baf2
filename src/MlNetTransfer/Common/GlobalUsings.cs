// Common is the shared plumbing every layer of the library uses (progress records, atomic writes, message text); it
// imports nothing of the library but the root namespace, so importing it everywhere makes no cycle.
global using MlNetTransfer.Common;
