// Makes a shared library load on hosts whose C++ runtime is older than the one it was
// linked against, when the newer symbol versions it names are never actually bound.
//
// TorchSharp 0.107's libLibTorchSharp.so declares a need for GLIBCXX_3.4.32 (GCC 13), whose
// only symbol there is `_ZSt21ios_base_library_initv`, and no relocation refers to it. The
// dynamic loader refuses the whole library for that declaration alone. Setting VER_FLG_WEAK
// on that one `Vernaux` entry of `.gnu.version_r` turns the refusal into a silent skip —
// exactly what `-Wl,--as-needed` would have produced. We patch only versions the host lacks
// and only when no relocation binds a symbol of that version, so nothing can be left
// unresolved at run time.
//
// This file is compiled twice: into Regurgitate.Neural (for `regurg doctor` and tests) and
// into the MSBuild inline task in build/TorchSharpCompat.targets (no tool the host may lack).
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Regurgitate.Runtime
{
    /// <summary>One symbol version a library needs from another (a `Vernaux` entry of `.gnu.version_r`).</summary>
    public sealed class NeededVersion
    {
        public NeededVersion(string library, string version, long flagsOffset, ushort flags, ushort index, bool boundByRelocation)
        {
            Library = library;
            Version = version;
            FlagsOffset = flagsOffset;
            Flags = flags;
            Index = index;
            BoundByRelocation = boundByRelocation;
        }

        /// <summary>The needed library, e.g. <c>libstdc++.so.6</c>.</summary>
        public string Library { get; }
        /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string Version { get; }
        /// <summary>File offset of the entry's 16-bit <c>vna_flags</c>.</summary>
        public long FlagsOffset { get; }
        public ushort Flags { get; }
        /// <summary>The version index (<c>vna_other</c>) that `.gnu.version` uses for symbols of this version.</summary>
        public ushort Index { get; }
        /// <summary>Whether some dynamic relocation refers to a symbol of this version.</summary>
        public bool BoundByRelocation { get; }
        public bool IsWeak => (Flags & ElfVersionNeedPatcher.VerFlagWeak) != 0;
    }

    /// <summary>What a patch did to one library.</summary>
    public sealed class ElfPatchOutcome
    {
        public ElfPatchOutcome(IReadOnlyList<string> weakened, IReadOnlyList<string> unfixable, IReadOnlyList<string> alreadyWeak)
        {
            Weakened = weakened;
            Unfixable = unfixable;
            AlreadyWeak = alreadyWeak;
        }

        /// <summary>Versions newly marked weak, as <c>library:version</c>.</summary>
        public IReadOnlyList<string> Weakened { get; }
        /// <summary>Missing versions that a relocation really uses: the library cannot work on this host.</summary>
        public IReadOnlyList<string> Unfixable { get; }
        /// <summary>Missing versions that an earlier run already marked weak.</summary>
        public IReadOnlyList<string> AlreadyWeak { get; }
        public bool Changed => Weakened.Count > 0;
    }

    /// <summary>Reads `.gnu.version_r` of an ELF64 little-endian library and weakens needs the host cannot meet.</summary>
    public static class ElfVersionNeedPatcher
    {
        public const ushort VerFlagWeak = 0x2;
        const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
        const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;

        /// <summary>Lists every version the library needs, with whether a relocation binds it.</summary>
        public static IReadOnlyList<NeededVersion> ReadNeededVersions(byte[] elf)
        {
            var sections = ReadSections(elf);
            var verneed = sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
            if (verneed == null) return Array.Empty<NeededVersion>();
            var strings = sections[(int)verneed.Link];
            var boundIndices = VersionIndicesUsedByRelocations(elf, sections);

            var needs = new List<NeededVersion>();
            long entry = verneed.Offset;
            for (int n = 0; n < (int)verneed.Info; n++)
            {
                ushort count = U16(elf, entry + 2);
                string library = CString(elf, strings.Offset + U32(elf, entry + 4));
                long aux = entry + U32(elf, entry + 8);
                for (int a = 0; a < count; a++)
                {
                    ushort flags = U16(elf, aux + 4);
                    ushort index = U16(elf, aux + 6);
                    string version = CString(elf, strings.Offset + U32(elf, aux + 8));
                    needs.Add(new NeededVersion(library, version, aux + 4, flags, index, boundIndices.Contains(index)));
                    uint nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(elf, entry + 12);
                if (next == 0) break;
                entry += next;
            }
            return needs;
        }

        /// <summary>Lists the versions a library defines (its `.gnu.version_d`), e.g. every GLIBCXX_* of libstdc++.</summary>
        public static ISet<string> ReadDefinedVersions(byte[] elf)
        {
            var defined = new HashSet<string>(StringComparer.Ordinal);
            var sections = ReadSections(elf);
            var verdef = sections.FirstOrDefault(s => s.Type == ShtGnuVerdef);
            if (verdef == null) return defined;
            var strings = sections[(int)verdef.Link];
            long entry = verdef.Offset;
            for (int n = 0; n < (int)verdef.Info; n++)
            {
                long aux = entry + U32(elf, entry + 12);
                defined.Add(CString(elf, strings.Offset + U32(elf, aux)));
                uint next = U32(elf, entry + 16);
                if (next == 0) break;
                entry += next;
            }
            return defined;
        }

        /// <summary>
        /// Marks weak every needed version that <paramref name="hostHas"/> says is missing and no
        /// relocation binds. Rewrites the file atomically only when something changed.
        /// </summary>
        public static ElfPatchOutcome Patch(string path, Func<string, string, bool?> hostHas)
        {
            byte[] elf = File.ReadAllBytes(path);
            var weakened = new List<string>();
            var unfixable = new List<string>();
            var alreadyWeak = new List<string>();
            foreach (var need in ReadNeededVersions(elf))
            {
                bool? present = hostHas(need.Library, need.Version);
                if (present != false) continue;
                string name = need.Library + ":" + need.Version;
                if (need.IsWeak) alreadyWeak.Add(name);
                else if (need.BoundByRelocation) unfixable.Add(name);
                else
                {
                    ushort flags = (ushort)(need.Flags | VerFlagWeak);
                    elf[need.FlagsOffset] = (byte)flags;
                    elf[need.FlagsOffset + 1] = (byte)(flags >> 8);
                    weakened.Add(name);
                }
            }
            if (weakened.Count > 0)
            {
                string temporary = path + ".patching";
                File.WriteAllBytes(temporary, elf);
                File.Replace(temporary, path, null); // atomic rename; netstandard2.0 (the inline task) lacks Move(overwrite)
            }
            return new ElfPatchOutcome(weakened, unfixable, alreadyWeak);
        }

        /// <summary>
        /// Answers "does this host's copy of <c>library</c> define <c>version</c>?" by reading the
        /// library from the usual system directories; null when the library is not found there.
        /// </summary>
        public static Func<string, string, bool?> HostLibraryVersions(IEnumerable<string>? searchDirectories = null)
        {
            var directories = (searchDirectories ?? DefaultLibraryDirectories()).ToList();
            var cache = new Dictionary<string, ISet<string>?>(StringComparer.Ordinal);
            return (library, version) =>
            {
                if (!cache.TryGetValue(library, out var versions))
                {
                    string? found = directories.Select(d => Path.Combine(d, library)).FirstOrDefault(File.Exists);
                    versions = found == null ? null : ReadDefinedVersions(File.ReadAllBytes(found));
                    cache[library] = versions;
                }
                return versions?.Contains(version);
            };
        }

        /// <summary>The directories the dynamic loader searches by default on Debian-, Ubuntu- and Red Hat-style systems.</summary>
        public static IEnumerable<string> DefaultLibraryDirectories()
        {
            string triplet = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
            {
                System.Runtime.InteropServices.Architecture.Arm64 => "aarch64-linux-gnu",
                _ => "x86_64-linux-gnu",
            };
            return new[] { "/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib" };
        }

        static HashSet<ushort> VersionIndicesUsedByRelocations(byte[] elf, List<Section> sections)
        {
            var used = new HashSet<ushort>();
            var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
            if (versym == null) return used;
            foreach (var relocations in sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.EntrySize > 0))
            {
                // Only relocations against the dynamic symbol table are resolved by the loader.
                if (relocations.Link >= sections.Count || sections[(int)relocations.Link].Type != ShtDynsym) continue;
                for (long at = relocations.Offset; at < relocations.Offset + relocations.Size; at += relocations.EntrySize)
                {
                    ulong info = U64(elf, at + 8);
                    uint symbol = (uint)(info >> 32);
                    if (symbol == 0) continue;
                    used.Add((ushort)(U16(elf, versym.Offset + 2L * symbol) & 0x7fff));
                }
            }
            return used;
        }

        sealed class Section
        {
            public uint Type;
            public long Offset, Size, EntrySize;
            public uint Link, Info;
        }

        static List<Section> ReadSections(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
            long sectionHeaders = (long)U64(elf, 0x28);
            int entrySize = U16(elf, 0x3A), count = U16(elf, 0x3C);
            var sections = new List<Section>(count);
            for (int i = 0; i < count; i++)
            {
                long header = sectionHeaders + (long)i * entrySize;
                sections.Add(new Section
                {
                    Type = U32(elf, header + 4),
                    Offset = (long)U64(elf, header + 24),
                    Size = (long)U64(elf, header + 32),
                    Link = U32(elf, header + 40),
                    Info = U32(elf, header + 44),
                    EntrySize = (long)U64(elf, header + 56),
                });
            }
            return sections;
        }

        static ushort U16(byte[] b, long at) => (ushort)(b[at] | b[at + 1] << 8);
        static uint U32(byte[] b, long at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
        static ulong U64(byte[] b, long at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

        static string CString(byte[] b, long at)
        {
            long end = at;
            while (b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
        }
    }
}

#if !REGURG_LIBRARY
namespace Regurgitate.Build
{
    using Microsoft.Build.Framework;
    using Regurgitate.Runtime;

    /// <summary>MSBuild task: weakens the unmet, unused version needs of a native library in the build output.</summary>
    public class WeakenUnmetVersionNeeds : Microsoft.Build.Utilities.Task
    {
        [Required] public string LibraryPath { get; set; } = "";

        public override bool Execute()
        {
            if (!File.Exists(LibraryPath)) return true;
            var outcome = ElfVersionNeedPatcher.Patch(LibraryPath, ElfVersionNeedPatcher.HostLibraryVersions());
            foreach (var name in outcome.Weakened)
                Log.LogMessage(MessageImportance.High,
                    $"regurgitate: host lacks {name}; marked it weak in {Path.GetFileName(LibraryPath)} (no relocation uses it), so TorchSharp loads here.");
            foreach (var name in outcome.Unfixable)
                Log.LogWarning($"regurgitate: host lacks {name}, which {Path.GetFileName(LibraryPath)} really uses; it will not load. Install a newer libstdc++ (GCC 13+).");
            return true;
        }
    }
}
#endif
